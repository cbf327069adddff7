#!/bin/sh
# The realistic job of the LocalCue core issue, side by side with the same 300 sleeps through xargs -P2:
# 3 layers x 100 frames of `sleep 0.2`, FrameByFrame, 2 cores, through `cuerun launch --local`.
# Runs alternate (xargs, LocalCue, xargs, ...) after one warm-up of each; every run is timed as a whole
# process by GNU time (wall, user, sys). Under root the frames run as uid 1000 (LocalCue never runs a
# frame as root), as in CI.
#
#   bench/realistic/run.sh [CUERUN] [RUNS]
#
# CUERUN: the cuerun program (default: a Release build of src/OpenCue.Cli made here, in bench/realistic/bin).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
runs=${2:-5}
if [ -n "${1:-}" ]; then
    cuerun=$1
else
    dotnet build -c Release "$root/src/OpenCue.Cli" -o "$here/bin" >/dev/null
    cuerun=$here/bin/OpenCue.Cli
fi
[ -x /usr/bin/time ] || { echo "GNU time (/usr/bin/time) is needed" >&2; exit 2; }
uid=$(id -u)
[ "$uid" -ne 0 ] || uid=1000
: "${OPENCUE_DTD_DIR:?set OPENCUE_DTD_DIR to the directory of the Cuebot DTDs}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

xargs_run() {
    /usr/bin/time -f "xargs    wall %e s  user %U s  sys %S s" -a -o "$work/times" \
        sh -c "seq 300 | xargs -P2 -n1 sh -c 'sleep 0.2'"
}

localcue_run() {
    state=$work/state-$1
    /usr/bin/time -f "localcue wall %e s  user %U s  sys %S s" -a -o "$work/times" \
        "$cuerun" launch "$here/job.json" --local --cores 2 --uid "$uid" --state-dir "$state" >/dev/null 2>"$work/stderr" \
        || { cat "$work/stderr" >&2; exit 1; }
    rm -rf "$state"
}

xargs_run
localcue_run warmup
: > "$work/times"
i=1
while [ "$i" -le "$runs" ]; do
    xargs_run
    localcue_run "$i"
    i=$((i + 1))
done
cat "$work/times"
# Medians and the extra CPU a frame (300 frames).
awk '
    { wall[$1] = wall[$1] " " $3; cpu[$1] = cpu[$1] " " ($6 + $9) }
    function median(list,   n, a, i, j, t) {
        n = split(list, a, " ")
        for (i = 1; i <= n; i++) for (j = i + 1; j <= n; j++) if (a[j] < a[i]) { t = a[i]; a[i] = a[j]; a[j] = t }
        return n % 2 ? a[(n + 1) / 2] : (a[n / 2] + a[n / 2 + 1]) / 2
    }
    END {
        wx = median(wall["xargs"]); wl = median(wall["localcue"]); cx = median(cpu["xargs"]); cl = median(cpu["localcue"])
        printf "median wall: xargs %.2f s, LocalCue %.2f s, ratio %.3f\n", wx, wl, wl / wx
        printf "median CPU:  xargs %.2f s, LocalCue %.2f s, extra %.1f ms a frame\n", cx, cl, (cl - cx) * 1000 / 300
    }' "$work/times"
