using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCue.Authoring;
using OpenCue.Authoring.Json;
using OpenCue.Authoring.Specs;

namespace OpenCue.Cli.Internal;

/// <summary>
/// The FILE argument of <c>spec</c> and <c>validate</c> with its override options: loads a PyOutline
/// JSON outline or a job spec, then applies the overrides and PyOutline's environment variables.
/// </summary>
internal static class OutlineInput
{
    /// <summary>The options <c>spec</c> and <c>validate</c> share.</summary>
    public static readonly IReadOnlyList<OptionDefinition> Options = new[]
    {
        new OptionDefinition("spec-version", "V", "the cjsl version, 1.10 to 1.15; default 1.15, or the version of an .xml FILE"),
        new OptionDefinition("show", "S", "the show; default: FILE's, else env SHOW, else 'testing'"),
        new OptionDefinition("shot", "S", "the shot; default: FILE's, else env SHOT, else 'default'"),
        new OptionDefinition("user", "U", "the user; default: FILE's, else env USER, else the login name"),
        new OptionDefinition("facility", "F", "the facility; default: FILE's, else env RENDER_TO, else env FACILITY, else 'local'"),
        new OptionDefinition("range", "R", "the job's frame range, e.g. 1-100 (layers run the part of their range inside it)"),
        new OptionDefinition("uid", "N", "the uid written to <uid>; default: this process's (Cuebot refuses 0)"),
        new OptionDefinition("no-mail", null, "leave out <email>"),
        new OptionDefinition("explicit-ranges", null, "write intersected layer ranges as PyOutline does, every frame listed"),
    };

    /// <summary>Help lines describing FILE and the environment.</summary>
    public const string FileHelp =
        "FILE is a PyOutline JSON outline (.json, .outline), as PyOutline's load_json reads it,\n" +
        "or a Cuebot job spec (.xml).";

    public const string EnvironmentHelp =
        "Environment:\n" +
        "  OL_TAG_OVERRIDE   replaces the tags of every layer (as PyOutline)\n" +
        "  OL_OS             the job's <os> when FILE sets none (as PyOutline)\n" +
        "  SHOW, SHOT, USER, RENDER_TO, FACILITY\n" +
        "                    defaults of the options above (as PyOutline)";

    public static (Outline Outline, SpecWriterOptions Options) Load(ParsedArguments arguments, CliContext context)
    {
        if (arguments.Positionals.Count == 0)
        {
            throw new UsageException("missing FILE: give a PyOutline JSON outline (.json, .outline) or a job spec (.xml).");
        }

        if (arguments.Positionals.Count > 1)
        {
            throw new UsageException("one FILE is accepted, got " + arguments.Positionals.Count.ToString(CultureInfo.InvariantCulture) +
                " arguments: " + string.Join(" ", arguments.Positionals) + ".");
        }

        var path = arguments.Positionals[0];
        var (outline, options) = Read(path, context);
        outline.Logger = NullLogger.Instance;
        ApplyOverrides(arguments, outline, options);
        var tags = context.Environment("OL_TAG_OVERRIDE");
        if (tags != null)
        {
            options.TagOverride = tags;
        }

        var os = context.Environment("OL_OS");
        if (string.IsNullOrEmpty(options.Os) && !string.IsNullOrEmpty(os))
        {
            options.Os = os;
        }

        return (outline, options);
    }

    private static (Outline, SpecWriterOptions) Read(string path, CliContext context)
    {
        var extension = Path.GetExtension(path);
        var isJson = string.Equals(extension, ".json", StringComparison.OrdinalIgnoreCase) || string.Equals(extension, ".outline", StringComparison.OrdinalIgnoreCase);
        var isXml = string.Equals(extension, ".xml", StringComparison.OrdinalIgnoreCase);
        if (!isJson && !isXml)
        {
            throw new UsageException("cannot tell the format of '" + path + "' from its extension '" + extension +
                "'; accepted: .json or .outline (PyOutline JSON outline), .xml (Cuebot job spec).");
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException)
        {
            throw new UsageException("file not found: " + path);
        }
        catch (DirectoryNotFoundException)
        {
            throw new UsageException("file not found: " + path);
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException || e is NotSupportedException || e is ArgumentException)
        {
            throw new UsageException("cannot read " + path + ": " + e.Message, e);
        }

        try
        {
            if (isJson)
            {
                return (PyOutlineJson.Load(text, new StderrLogger(context)), new SpecWriterOptions());
            }

            var parsed = SpecReader.Read(text);
            return (parsed.Outline, parsed.Options);
        }
        catch (Exception e) when (e is OutlineException || e is FormatException)
        {
            throw new UsageException(path + ": " + e.Message, e);
        }
    }

    private static void ApplyOverrides(ParsedArguments arguments, Outline outline, SpecWriterOptions options)
    {
        var version = arguments.Value("spec-version");
        if (version != null)
        {
            try
            {
                options.Version = SpecVersion.Parse(version);
            }
            catch (FormatException e)
            {
                throw new UsageException("--spec-version: " + e.Message, e);
            }
        }

        var show = NonEmpty(arguments, "show");
        if (show != null)
        {
            outline.Show = show;
        }

        var shot = NonEmpty(arguments, "shot");
        if (shot != null)
        {
            outline.Shot = shot;
        }

        var user = NonEmpty(arguments, "user");
        if (user != null)
        {
            outline.User = user;
        }

        var facility = NonEmpty(arguments, "facility");
        if (facility != null)
        {
            outline.Facility = facility;
            options.Facility = null;
        }

        var range = arguments.Value("range");
        if (range != null)
        {
            if (!FrameSet.TryParse(range, out _, out var error))
            {
                throw new UsageException("--range: invalid frame range '" + range + "': " + error + ". " + FrameRangeHelp.Accepted);
            }

            outline.FrameRange = range;
        }

        var uid = arguments.Value("uid");
        if (uid != null)
        {
            options.Uid = int.TryParse(uid, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
                ? number
                : throw new UsageException("--uid: '" + uid + "' is not a whole number; give the numeric user id, e.g. --uid 1000.");
        }

        if (arguments.Has("no-mail"))
        {
            options.NoMail = true;
        }

        if (arguments.Has("explicit-ranges"))
        {
            options.ExplicitIntersectedRanges = true;
        }
    }

    private static string? NonEmpty(ParsedArguments arguments, string name)
    {
        var value = arguments.Value(name);
        if (value != null && value.Trim().Length == 0)
        {
            throw new UsageException("--" + name + " needs a non-empty value.");
        }

        return value;
    }
}
