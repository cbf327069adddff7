using System;
using System.Xml.Linq;
using OpenCue.Outline;

namespace OpenCue.LocalCue.Intake
{
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
            var show = SpecXml.Text(spec, "show") ?? string.Empty;
            var shotText = SpecXml.Text(spec, "shot");
            if (!CueNames.TryConformName("Shot", shotText, out var shot, out var error))
            {
                throw new SpecRejectedException(error);
            }

            var user = SpecXml.Text(spec, "user") ?? string.Empty;
            int? uid = null;
            var uidText = SpecXml.Text(spec, "uid");
            if (uidText != null)
            {
                if (!SpecXml.TryParseInt(uidText, out var value))
                {
                    throw new SpecRejectedException("error, the uid '" + uidText + "' is not an integer.");
                }

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
    }
}
