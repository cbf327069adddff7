using System;
using OpenCue.Authoring.Internal;

namespace OpenCue.Authoring.Specs;

/// <summary>
/// What a spec carries besides the outline: PyOutline's launcher flags (pause, priority, max
/// retries, autoeat, os, mail) and the header values (facility, uid), plus the spec version.
/// Defaults are PyOutline's.
/// </summary>
public sealed class SpecWriterOptions
{
    /// <summary>The cjsl version (default 1.15).</summary>
    public SpecVersion Version { get; set; } = SpecVersion.Latest;

    /// <summary>Launch the job paused (<c>&lt;paused&gt;</c>, default false).</summary>
    public bool Paused { get; set; }

    /// <summary>Job priority (<c>&lt;priority&gt;</c>, 1.11+, default 1).</summary>
    public int Priority { get; set; } = 1;

    /// <summary>
    /// The job's <c>&lt;maxretries&gt;</c> (default 2, PyOutline's config). Cuebot clamps the spec value
    /// to 0..1; the launcher applies larger counts after launch with <c>SetMaxRetries</c>.
    /// </summary>
    public int MaxRetries { get; set; } = Defaults.MaxRetries;

    /// <summary>Eat failed frames instead of retrying them (<c>&lt;autoeat&gt;</c>, default false).</summary>
    public bool AutoEat { get; set; }

    /// <summary>The job's <c>&lt;os&gt;</c>; <see langword="null"/> leaves it out.</summary>
    public string? Os { get; set; }

    /// <summary>Leave out <c>&lt;email&gt;</c> (pycuerun <c>--no-mail</c>).</summary>
    public bool NoMail { get; set; }

    /// <summary>The domain of <c>&lt;email&gt;user@domain&lt;/email&gt;</c> (default <c>example.com</c>).</summary>
    public string EmailDomain { get; set; } = Defaults.EmailDomain;

    /// <summary>
    /// The facility; <see langword="null"/> uses the outline's, else env <c>RENDER_TO</c>, else
    /// <c>FACILITY</c>, else <c>local</c>.
    /// </summary>
    public string? Facility { get; set; }

    /// <summary>
    /// The uid written to <c>&lt;uid&gt;</c>; <see langword="null"/> uses this process's (PyOutline's
    /// <c>os.getuid()</c>). Cuebot refuses uid 0, so a container running as root must set it.
    /// </summary>
    public int? Uid { get; set; }

    /// <summary>A tag list replacing every layer's tags (PyOutline's env <c>OL_TAG_OVERRIDE</c>).</summary>
    public string? TagOverride { get; set; }

    /// <summary>
    /// Write intersected layer ranges as PyOutline does, every frame listed (<c>1,2,3,...</c>), instead
    /// of the compact form with the same frames in the same order (<c>1-50</c>). Default false.
    /// </summary>
    public bool ExplicitIntersectedRanges { get; set; }

    /// <summary>Validate before writing (default true). Turning it off writes whatever the model holds.</summary>
    public bool Validate { get; set; } = true;

    /// <summary>The uid that will be written.</summary>
    /// <returns>The uid.</returns>
    public int EffectiveUid() => Uid ?? Defaults.CurrentUid();

    /// <summary>The facility that will be written for <paramref name="outline"/>.</summary>
    /// <param name="outline">The outline.</param>
    /// <returns>The facility.</returns>
    public string EffectiveFacility(Outline outline) =>
        Facility ?? (outline ?? throw new ArgumentNullException(nameof(outline))).Facility ?? Defaults.EnvFacility();

    /// <summary>The tags written for a layer: <see cref="TagOverride"/> when it has any, else the layer's.</summary>
    /// <param name="options">The options.</param>
    /// <param name="layer">The layer.</param>
    /// <returns>The tags.</returns>
    public static System.Collections.Generic.IReadOnlyList<string> EffectiveTags(SpecWriterOptions options, Layer layer)
    {
        if (options is null || layer is null)
        {
            throw new ArgumentNullException(options is null ? nameof(options) : nameof(layer));
        }

        // An empty override is no override, as PyOutline's OL_TAG_OVERRIDE; empty pieces are dropped.
        if (!string.IsNullOrWhiteSpace(options.TagOverride))
        {
            return System.Linq.Enumerable.ToList(System.Linq.Enumerable.Where(System.Linq.Enumerable.Select(options.TagOverride!.Split('|'), t => t.Trim()), t => t.Length > 0));
        }

        var tags = layer.TagList;
        return tags.Count == 0 ? Array.Empty<string>() : System.Linq.Enumerable.ToList(tags);
    }

    /// <summary>A copy of these options.</summary>
    /// <returns>The copy.</returns>
    public SpecWriterOptions Clone() => (SpecWriterOptions)MemberwiseClone();
}
