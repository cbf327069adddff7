#!/usr/bin/env python3
"""Checks protos/opencue against OpenCue's proto/src, element by element.

Both sets are compiled with protoc into descriptor sets, decoded to text and
compared per proto package: every message (nested ones and map entries too),
enum, enum value, field (name, number, label, type, type name, oneof,
proto3 optional), service and RPC (request, response, streaming). Layout,
comments, options such as csharp_namespace, json names and import paths are
ignored: they do not reach the wire.

Usage:
  tools/compare-protos.py --opencue-git GITDIR [--commit 99e0140b2]
  tools/compare-protos.py --opencue-src DIR      (a proto/src checkout)

Exits 0 when every package of ours matches OpenCue's, 1 on any difference.
Needs only python3 and protoc (Grpc.Tools ships one; found under
~/.nuget/packages/grpc.tools unless --protoc or $PROTOC says otherwise).
"""

import argparse
import glob
import os
import subprocess
import sys
import tarfile
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
OURS = os.path.join(os.path.dirname(HERE), "protos")
DEFAULT_COMMIT = "99e0140b2"


def find_protoc(explicit):
    if explicit:
        return explicit
    if os.environ.get("PROTOC"):
        return os.environ["PROTOC"]
    pattern = os.path.expanduser("~/.nuget/packages/grpc.tools/*/tools/linux_x64/protoc")
    found = sorted(glob.glob(pattern))
    if not found:
        sys.exit("no protoc: pass --protoc or set PROTOC (restore OpenCue.Proto once to get Grpc.Tools)")
    return found[-1]


def well_known_include(protoc):
    # Grpc.Tools layout: tools/linux_x64/protoc and build/native/include.
    root = os.path.dirname(os.path.dirname(os.path.dirname(protoc)))
    inc = os.path.join(root, "build", "native", "include")
    if not os.path.exists(os.path.join(inc, "google", "protobuf", "descriptor.proto")):
        sys.exit("descriptor.proto not found next to protoc (expected %s)" % inc)
    return inc


def descriptor_text(protoc, include, root, files):
    with tempfile.NamedTemporaryFile(suffix=".pb") as out:
        # Warnings (OpenCue's monitoring.proto has an unused import) are shown
        # only when compiling fails.
        compiled = subprocess.run([protoc, "-I" + root, "-o" + out.name] + files, capture_output=True, text=True)
        if compiled.returncode != 0:
            sys.exit("protoc failed on %s:\n%s" % (root, compiled.stderr))
        with open(out.name, "rb") as pb:
            return subprocess.run(
                [protoc, "-I" + include, "--decode=google.protobuf.FileDescriptorSet",
                 "google/protobuf/descriptor.proto"],
                stdin=pb, check=True, capture_output=True, text=True).stdout


def parse_text(text):
    """protoc's text format, one item per line, into nested lists of (key, value)."""
    stack = [[]]
    for raw in text.splitlines():
        line = raw.strip()
        if not line:
            continue
        if line == "}":
            done = stack.pop()
            stack[-1][-1] = (stack[-1][-1][0], done)
        elif line.endswith("{"):
            stack[-1].append((line[:-1].strip(), None))
            stack.append([])
        else:
            key, _, value = line.partition(":")
            value = value.strip()
            if value.startswith('"') and value.endswith('"'):
                value = value[1:-1]
            stack[-1].append((key.strip(), value))
    return stack[0]


def get(node, key, default=""):
    for k, v in node:
        if k == key:
            return v
    return default


def all_of(node, key):
    return [v for k, v in node if k == key]


def flatten(file_sets):
    """Per package: {element path: description} for everything that reaches the wire."""
    packages = {}
    for f in file_sets:
        pkg = get(f, "package")
        items = packages.setdefault(pkg, {})

        def message(m, prefix):
            name = prefix + get(m, "name")
            items["message " + name] = "map entry" if get(get(m, "options", []), "map_entry") == "true" else ""
            oneofs = [get(o, "name") for o in all_of(m, "oneof_decl")]
            for fld in all_of(m, "field"):
                oneof = get(fld, "oneof_index")
                desc = " ".join(x for x in [
                    "#" + get(fld, "number"),
                    get(fld, "label").replace("LABEL_", "").lower(),
                    get(fld, "type").replace("TYPE_", "").lower(),
                    get(fld, "type_name"),
                    ("oneof " + oneofs[int(oneof)]) if oneof and get(fld, "proto3_optional") != "true" else "",
                    "proto3-optional" if get(fld, "proto3_optional") == "true" else "",
                ] if x)
                items["field %s.%s" % (name, get(fld, "name"))] = desc
            for nested in all_of(m, "nested_type"):
                message(nested, name + ".")
            for e in all_of(m, "enum_type"):
                enum(e, name + ".")

        def enum(e, prefix):
            name = prefix + get(e, "name")
            items["enum " + name] = ""
            for v in all_of(e, "value"):
                items["enum value %s.%s" % (name, get(v, "name"))] = "= " + get(v, "number")

        for m in all_of(f, "message_type"):
            message(m, pkg + ".")
        for e in all_of(f, "enum_type"):
            enum(e, pkg + ".")
        for s in all_of(f, "service"):
            sname = pkg + "." + get(s, "name")
            items["service " + sname] = ""
            for rpc in all_of(s, "method"):
                desc = "(%s%s) returns (%s%s)" % (
                    "stream " if get(rpc, "client_streaming") == "true" else "", get(rpc, "input_type"),
                    "stream " if get(rpc, "server_streaming") == "true" else "", get(rpc, "output_type"))
                items["rpc %s/%s" % (sname, get(rpc, "name"))] = desc
    return packages


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    src = ap.add_mutually_exclusive_group(required=True)
    src.add_argument("--opencue-git", help="an OpenCue git directory (bare or not)")
    src.add_argument("--opencue-src", help="a directory holding OpenCue's *.proto (proto/src)")
    ap.add_argument("--commit", default=DEFAULT_COMMIT, help="commit of --opencue-git (default %(default)s)")
    ap.add_argument("--protoc")
    args = ap.parse_args()

    protoc = find_protoc(args.protoc)
    include = well_known_include(protoc)

    with tempfile.TemporaryDirectory() as tmp:
        if args.opencue_git:
            archive = os.path.join(tmp, "src.tar")
            subprocess.run(["git", "-C", args.opencue_git, "archive", "-o", archive, args.commit, "proto/src"],
                           check=True)
            with tarfile.open(archive) as tar:
                tar.extractall(tmp)
            theirs_root = os.path.join(tmp, "proto", "src")
        else:
            theirs_root = os.path.abspath(args.opencue_src)
        theirs_files = sorted(glob.glob(os.path.join(theirs_root, "*.proto")))
        ours_files = sorted(glob.glob(os.path.join(OURS, "opencue", "*.proto")))

        theirs = flatten(all_of(parse_text(descriptor_text(protoc, include, theirs_root, theirs_files)), "file"))
        ours = flatten(all_of(parse_text(descriptor_text(protoc, include, OURS, ours_files)), "file"))

    failures = 0
    for pkg in sorted(ours):
        if pkg not in theirs:
            print("package %s: not in OpenCue" % pkg)
            failures += 1
            continue
        a, b = theirs[pkg], ours[pkg]
        missing = sorted(set(a) - set(b))
        extra = sorted(set(b) - set(a))
        differ = sorted(k for k in set(a) & set(b) if a[k] != b[k])
        kinds = [k.split(" ")[0] if not k.startswith("enum value ") else "value" for k in b]
        counts = ", ".join("%d %s" % (kinds.count(kind), label) for kind, label in (
            ("message", "messages"), ("enum", "enums"), ("field", "fields"), ("value", "enum values"),
            ("service", "services"), ("rpc", "rpcs")))
        status = "OK" if not (missing or extra or differ) else "DIFFERS"
        print("package %-16s %-8s %s" % (pkg, status, counts))
        for k in missing:
            print("  missing: %s %s" % (k, a[k]))
        for k in extra:
            print("  extra:   %s %s" % (k, b[k]))
        for k in differ:
            print("  differs: %s: OpenCue %s, ours %s" % (k, a[k], b[k]))
        failures += len(missing) + len(extra) + len(differ)
    not_covered = sorted(set(theirs) - set(ours))
    if not_covered:
        print("OpenCue packages not in protos/opencue (not compared): " + ", ".join(not_covered))
    print("differences: %d" % failures)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
