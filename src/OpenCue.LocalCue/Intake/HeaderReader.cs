using System;
using System.Linq;
using System.Xml.Linq;
using OpenCue.Authoring;

namespace OpenCue.LocalCue.Intake;

/// <summary>The spec header (Cuebot's <c>handleSpecTag</c>): who launches what, where.</summary>
internal sealed class SpecHeader
{
    public string Facility { get; init; } = string.Empty;

    public string Show { get; init; } = string.Empty;

    public string Shot { get; init; } = string.Empty;

    public string User { get; init; } = string.Empty;

    public int? Uid { get; init; }

    public string? Email { get; init; }

    /// <summary>Cuebot's <c>conformJobName</c> for this header's show, shot and user.</summary>
    public string ConformJobName(string? name, string what)
    {
        if (!CueNames.TryConformJobName(Show, Shot, User, name, out var jobName, out var error))
        {
            throw new SpecRejectedException(error + " (" + what + ")");
        }

        return jobName;
    }
}

/// <summary>Reads the header in Cuebot's order: facility, show, shot, user, uid, email, then the root check.</summary>
internal static class HeaderReader
{
    public static SpecHeader Read(XElement spec, IntakeOptions options)
    {
        var facility = SpecXml.Text(spec, "facility");
        var where = Jobs(spec);
        var show = SpecXml.Text(spec, "show") ?? string.Empty;
        SpecNames.CheckShow(show, where);
        var shotText = SpecXml.Text(spec, "shot");
        if (!CueNames.TryConformName("Shot", shotText, out var shot, out var error))
        {
            throw new SpecRejectedException(error);
        }

        SpecNames.CheckShot(shot, where);
        var user = SpecXml.Text(spec, "user") ?? string.Empty;
        SpecNames.CheckUser(user, where);
        int? uid = null;
        var uidText = SpecXml.Text(spec, "uid");
        if (uidText != null)
        {
            if (!SpecXml.TryParseInt(uidText, out var value))
            {
                throw new SpecRejectedException("error, the uid '" + uidText + "' is not an integer.");
            }

            SpecNames.CheckUid(value, user, where);
            uid = value;
        }

        if (string.Equals(user, "root", StringComparison.Ordinal) || uid == 0)
        {
            throw new SpecRejectedException("Cannot launch jobs as root.");
        }

        return new SpecHeader
        {
            // Cuebot lower-cases the facility; without one it uses the default facility.
            Facility = string.IsNullOrEmpty(facility) ? options.DefaultFacility : facility!.ToLowerInvariant(),
            Show = show,
            Shot = shot,
            User = user,
            Uid = uid,
            Email = SpecXml.Text(spec, "email"),
        };
    }

    // The jobs of the spec as written, for messages about the header (no job name is conformed yet).
    private static string Jobs(XElement spec)
    {
        var names = spec.Elements("job").Select(j => SpecNames.Quote(SpecXml.Attribute(j, "name") ?? string.Empty)).Take(3).ToList();
        return names.Count == 0 ? "a spec without jobs" : "the spec of job " + string.Join(", ", names);
    }
}
