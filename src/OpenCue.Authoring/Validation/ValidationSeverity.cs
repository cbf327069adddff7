namespace OpenCue.Authoring.Validation;

/// <summary>How bad a validation problem is.</summary>
public enum ValidationSeverity
{
    /// <summary>The spec would be refused or the job could not run as written; writing and launching stop.</summary>
    Error,

    /// <summary>The job launches, but something is probably not what was meant.</summary>
    Warning,
}
