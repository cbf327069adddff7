using System.Collections.Generic;
using OpenCue.Proto.Jobs;

namespace OpenCue.Client;

/// <summary>Which jobs <see cref="CueApi.GetJobsAsync"/> returns (Cuebot's <c>JobSearchCriteria</c>); results are ordered by name.</summary>
public sealed class JobSearch
{
    /// <summary>Job ids.</summary>
    public IList<string> Ids { get; } = new List<string>();

    /// <summary>Exact job names.</summary>
    public IList<string> Jobs { get; } = new List<string>();

    /// <summary>Regular expressions on the job name.</summary>
    public IList<string> Regex { get; } = new List<string>();

    /// <summary>Substrings of the job name.</summary>
    public IList<string> Substrings { get; } = new List<string>();

    /// <summary>Users.</summary>
    public IList<string> Users { get; } = new List<string>();

    /// <summary>Shots.</summary>
    public IList<string> Shots { get; } = new List<string>();

    /// <summary>Shows.</summary>
    public IList<string> Shows { get; } = new List<string>();

    /// <summary>Include finished jobs (otherwise only pending ones).</summary>
    public bool IncludeFinished { get; set; }

    internal JobSearchCriteria ToProto()
    {
        var criteria = new JobSearchCriteria { IncludeFinished = IncludeFinished };
        criteria.Ids.AddRange(Ids);
        criteria.Jobs.AddRange(Jobs);
        criteria.Regex.AddRange(Regex);
        criteria.Substr.AddRange(Substrings);
        criteria.Users.AddRange(Users);
        criteria.Shots.AddRange(Shots);
        criteria.Shows.AddRange(Shows);
        return criteria;
    }
}
