using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Scheduling;

/// <summary>
/// Cuebot's job search criteria as a predicate over <see cref="JobRow"/> snapshots, built and run outside the
/// scheduler's lock: id, name, user, shot and show lists are hash sets; regexes use the linear-time
/// <see cref="RegexOptions.NonBacktracking"/> engine (a pattern it cannot run, with backreferences or lookarounds,
/// is refused); at most <see cref="MaxPatterns"/> regexes and substrings of at most <see cref="MaxPatternLength"/> characters.
/// </summary>
internal sealed class JobFilter
{
    /// <summary>The most regexes, and the most substrings, one search may give.</summary>
    public const int MaxPatterns = 100;

    /// <summary>The longest regex or substring.</summary>
    public const int MaxPatternLength = 1000;

    private readonly HashSet<string>? _ids;
    private readonly HashSet<string>? _names;
    private readonly string[]? _substrings;
    private readonly Regex[]? _regexes;
    private readonly HashSet<string>? _users;
    private readonly HashSet<string>? _shots;
    private readonly HashSet<string>? _shows;

    /// <summary>Builds the filter.</summary>
    /// <param name="criteria">The criteria.</param>
    /// <exception cref="ArgumentException">Too many or too long patterns, an invalid regex or one the linear engine cannot run (INVALID_ARGUMENT).</exception>
    public JobFilter(PbJob.JobSearchCriteria criteria)
    {
        IncludeFinished = criteria.IncludeFinished;
        _ids = Set(criteria.Ids);
        _names = Set(criteria.Jobs);
        _users = Set(criteria.Users);
        _shots = Set(criteria.Shots);
        _shows = Set(criteria.Shows);
        _substrings = criteria.Substr.Count > 0 ? Checked("substr", criteria.Substr).ToArray() : null;
        _regexes = criteria.Regex.Count > 0 ? Checked("regex", criteria.Regex).Select(Compile).ToArray() : null;
    }

    /// <summary>Finished jobs are included.</summary>
    public bool IncludeFinished { get; }

    /// <summary>Whether a job matches.</summary>
    /// <param name="job">The job's snapshot.</param>
    /// <returns>Whether it matches every criterion given.</returns>
    public bool Matches(JobRow job) =>
        (_ids is null || _ids.Contains(job.Id)) &&
        (_names is null || _names.Contains(job.Name)) &&
        (_substrings is null || _substrings.Any(s => job.Name.Contains(s, StringComparison.Ordinal))) &&
        (_regexes is null || _regexes.Any(r => r.IsMatch(job.Name))) &&
        (_users is null || _users.Contains(job.User)) &&
        (_shots is null || _shots.Contains(job.Shot)) &&
        (_shows is null || _shows.Contains(job.Show));

    private static HashSet<string>? Set(IReadOnlyCollection<string> values) => values.Count > 0 ? new HashSet<string>(values, StringComparer.Ordinal) : null;

    private static IReadOnlyCollection<string> Checked(string field, IReadOnlyCollection<string> patterns)
    {
        if (patterns.Count > MaxPatterns)
        {
            throw new ArgumentException("The job search gives " + patterns.Count.ToString(CultureInfo.InvariantCulture) + " " + field + " patterns; LocalCue takes at most " +
                MaxPatterns.ToString(CultureInfo.InvariantCulture) + ".");
        }

        foreach (var pattern in patterns)
        {
            if (pattern.Length > MaxPatternLength)
            {
                throw new ArgumentException("The job search " + field + " pattern '" + pattern[..40] + "...' is " + pattern.Length.ToString(CultureInfo.InvariantCulture) +
                    " characters long; LocalCue takes at most " + MaxPatternLength.ToString(CultureInfo.InvariantCulture) + ".");
            }
        }

        return patterns;
    }

    private static Regex Compile(string pattern)
    {
        try
        {
            return new Regex(pattern, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        }
        catch (NotSupportedException e)
        {
            throw new ArgumentException("The job search regex '" + pattern + "' uses a construct LocalCue does not run (backreferences, lookarounds, atomic " +
                "groups and the like; it matches in linear time): " + e.Message, e);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException("The job search regex '" + pattern + "' is invalid: " + e.Message, e);
        }
    }
}

/// <summary>What a job search looks at of one job, copied under the lock: plain values, no live object, so matching needs no lock.</summary>
/// <param name="Id">The job's id (the match is looked up by it under the lock).</param>
/// <param name="Name">Its name.</param>
/// <param name="User">Its user.</param>
/// <param name="Shot">Its shot.</param>
/// <param name="Show">Its show.</param>
internal readonly record struct JobRow(string Id, string Name, string User, string Shot, string Show);
