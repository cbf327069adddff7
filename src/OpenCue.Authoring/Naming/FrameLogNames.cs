namespace OpenCue.Authoring;

/// <summary>
/// How RQD names a frame's log, in one place: <c>&lt;job name&gt;.&lt;frame name&gt;.rqlog</c> in the
/// job's log directory; earlier attempts are moved to <c>.rqlog.1</c>, <c>.rqlog.2</c>... LocalCue
/// writes logs with it and the client finds them with it.
/// </summary>
internal static class FrameLogNames
{
    /// <summary>The extension of a frame log.</summary>
    public const string Extension = ".rqlog";

    /// <summary>The file name of the frame's latest log.</summary>
    /// <param name="jobName">The conformed job name.</param>
    /// <param name="frameName">The frame name (<c>0001-render</c>).</param>
    /// <returns><c>&lt;job&gt;.&lt;frame&gt;.rqlog</c>.</returns>
    public static string FileName(string jobName, string frameName) => jobName + "." + frameName + Extension;
}
