namespace OpenCue.Authoring.Validation;

/// <summary>The stable codes of validation rules, for filtering and tests.</summary>
public static class ValidationCodes
{
    /// <summary>The job name suffix breaks Cuebot's rules or is not an XML NMTOKEN.</summary>
    public const string JobName = "job-name";

    /// <summary>The show name cannot exist on a Cuebot, or is not in Cuebot's conformed form.</summary>
    public const string ShowName = "show-name";

    /// <summary>The shot name breaks Cuebot's rules.</summary>
    public const string ShotName = "shot-name";

    /// <summary>The user is <c>root</c> or empty.</summary>
    public const string User = "user";

    /// <summary>The uid written is 0, which Cuebot refuses.</summary>
    public const string Uid = "uid";

    /// <summary>More layers than Cuebot allows (2,000).</summary>
    public const string LayerCount = "layer-count";

    /// <summary>More frames than Cuebot allows (100,000).</summary>
    public const string FrameCount = "frame-count";

    /// <summary>No layer would be written, or only Post layers.</summary>
    public const string NoLayers = "no-layers";

    /// <summary>A job-level value (max cores, max retries, priority) is out of range.</summary>
    public const string JobValue = "job-value";

    /// <summary>The layer name breaks Cuebot's rules.</summary>
    public const string LayerName = "layer-name";

    /// <summary>Two layers have the same name once Cuebot conforms them.</summary>
    public const string LayerDuplicate = "layer-duplicate";

    /// <summary>The layer has no command.</summary>
    public const string Command = "command";

    /// <summary>A frame range is not valid syntax.</summary>
    public const string Range = "range";

    /// <summary>The layer's range misses the outline's range: the layer is left out of the spec.</summary>
    public const string RangeEmpty = "range-empty";

    /// <summary>Negative frames launch but Cuebot cannot dispatch them.</summary>
    public const string NegativeFrame = "negative-frame";

    /// <summary>The chunk size is below 1.</summary>
    public const string Chunk = "chunk";

    /// <summary>A cores value is clamped, reinterpreted or invalid.</summary>
    public const string Cores = "cores";

    /// <summary>A memory value cannot be read, means something unexpected, or can never be booked.</summary>
    public const string Memory = "memory";

    /// <summary>A GPU value is invalid.</summary>
    public const string Gpu = "gpu";

    /// <summary>A timeout is negative.</summary>
    public const string Timeout = "timeout";

    /// <summary>A retry count is outside 0..16.</summary>
    public const string RetryCount = "retry-count";

    /// <summary>A tag breaks Cuebot's tag rules.</summary>
    public const string Tags = "tags";

    /// <summary>A limit name is blank.</summary>
    public const string Limits = "limits";

    /// <summary>An environment key is not a valid name.</summary>
    public const string EnvKey = "env-key";

    /// <summary>An output name is not an XML NMTOKEN, or a path is empty.</summary>
    public const string Output = "output";

    /// <summary>The service is blank.</summary>
    public const string Service = "service";

    /// <summary>A text holds a character XML 1.0 cannot carry.</summary>
    public const string XmlCharacter = "xml-char";

    /// <summary>A value needs a newer spec version than the one written; it is left out.</summary>
    public const string SpecVersion = "spec-version";

    /// <summary>A depend names a layer that is not in the outline.</summary>
    public const string DependMissing = "depend-missing";

    /// <summary>A depend names a layer that is left out of the spec.</summary>
    public const string DependSkipped = "depend-skipped";

    /// <summary>Layers depend on each other in a cycle.</summary>
    public const string DependCycle = "depend-cycle";

    /// <summary>FrameByFrame between layers whose frames do not line up.</summary>
    public const string DependFrames = "depend-frames";

    /// <summary>A LayerOnSimFrame or PreviousFrame depend Cuebot cannot build.</summary>
    public const string DependTarget = "depend-target";

    /// <summary>A require string names a missing layer.</summary>
    public const string Require = "require";
}
