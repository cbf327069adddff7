namespace OpenCue.LocalCue.Access;

/// <summary>What kind of entity a control call names.</summary>
internal enum JobTargetKind
{
    /// <summary>A job (<c>job.Job</c>).</summary>
    Job,

    /// <summary>A layer (<c>job.Layer</c>): its job.</summary>
    Layer,

    /// <summary>A frame (<c>job.Frame</c>): its layer's job.</summary>
    Frame,

    /// <summary>A depend (<c>depend.Depend</c>): the depending job.</summary>
    Depend,
}

/// <summary>One entity a control call acts on, by id.</summary>
/// <param name="Kind">The kind.</param>
/// <param name="Id">The id from the request.</param>
internal readonly record struct JobTarget(JobTargetKind Kind, string Id);

/// <summary>The job that owns a target, and whose it is.</summary>
/// <param name="JobName">The job's name.</param>
/// <param name="Uid">The launch uid recorded with the job; <see langword="null"/> when it has none (it runs as LocalCue's own user).</param>
internal readonly record struct JobOwner(string JobName, int? Uid);
