using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Xml.Linq;

namespace OpenCue.LocalCue.Intake;

/// <summary>
/// The spec intake of LocalCue: parses a cjsl XML job spec exactly as Cuebot's <c>JobSpec</c> does
/// (validated against the DTD its DOCTYPE names, names conformed, service defaults applied, values
/// converted to core points, KB and minutes, frames chunked) and checks what Cuebot checks before
/// and while launching it (pending jobs, depend targets). Either everything is returned or the
/// spec is rejected with a <see cref="SpecRejectedException"/>; nothing is created here.
/// </summary>
internal static class SpecIntake
{
    /// <summary>Parses and checks a spec.</summary>
    /// <param name="xml">The spec XML, as PyOutline or pycue sends it.</param>
    /// <param name="options">Services, pending-job lookup, clock and limits; <see langword="null"/> for the defaults.</param>
    /// <returns>The parent jobs (each followed by its post job, if it has Post layers) and the depends.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="xml"/> is null.</exception>
    /// <exception cref="SpecRejectedException">Cuebot would refuse the spec (or it is beyond LocalCue's limits: nesting, size, parse time); the message says why.</exception>
    /// <exception cref="InvalidSpecTextException">The text holds a character XML forbids (NUL, other controls); the message says where.</exception>
    /// <exception cref="OperationCanceledException"><see cref="IntakeOptions.CancellationToken"/> was cancelled.</exception>
    public static ParsedJobSpec Parse(string xml, IntakeOptions? options = null)
    {
        if (xml is null)
        {
            throw new ArgumentNullException(nameof(xml));
        }

        options ??= new IntakeOptions();
        XElement spec = Load(xml, options);

        // JobSpec.parse: header, every <job>, then the depends.
        var header = HeaderReader.Read(spec, options);
        var jobs = new List<JobDefinition>();
        var reader = new JobReader(header, options);
        foreach (var job in spec.Elements("job"))
        {
            reader.Read(job, jobs);
        }

        var depends = DependReader.Read(spec, header);

        // JobLauncher.verifyJobSpec, then what creating the jobs and depends would fail on.
        if (options.IsJobPending != null)
        {
            CheckNotPending(jobs, options.IsJobPending);
        }

        var repeated = jobs.GroupBy(j => j.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (repeated != null)
        {
            throw new SpecRejectedException("error launching job, active job already exists: " + repeated.Key +
                " (the spec defines this job more than once)");
        }

        DependReader.Resolve(depends, jobs);
        return new ParsedJobSpec { Jobs = jobs, Depends = depends };
    }

    // Loads the document within the parse deadline; a spec that takes longer is refused, so that no spec
    // can hold a thread for ever. The caller giving up cancels as well (OperationCanceledException).
    private static XElement Load(string xml, IntakeOptions options)
    {
        using var deadline = new CancellationTokenSource(options.ParseTimeout);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(deadline.Token, options.CancellationToken);
        try
        {
            return SpecDocument.Load(xml, linked.Token).Root!;
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !options.CancellationToken.IsCancellationRequested)
        {
            throw new SpecRejectedException("Failed to parse job spec XML, parsing took longer than " +
                options.ParseTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s (IntakeOptions.ParseTimeout); the spec was refused.");
        }
    }

    /// <summary>
    /// Cuebot's <c>verifyJobSpec</c> pending check: no job of the spec may already be PENDING.
    /// <see cref="Parse"/> runs it; a scheduler that parses outside its lock runs it again under the
    /// lock, just before creating the jobs.
    /// </summary>
    /// <param name="spec">The parsed spec.</param>
    /// <param name="isJobPending">Whether a job of this conformed name is pending.</param>
    /// <exception cref="SpecRejectedException">"The job X is already pending".</exception>
    public static void CheckNotPending(ParsedJobSpec spec, Func<string, bool> isJobPending)
    {
        if (spec is null)
        {
            throw new ArgumentNullException(nameof(spec));
        }

        if (isJobPending is null)
        {
            throw new ArgumentNullException(nameof(isJobPending));
        }

        CheckNotPending(spec.Jobs, isJobPending);
    }

    private static void CheckNotPending(IEnumerable<JobDefinition> jobs, Func<string, bool> isJobPending)
    {
        foreach (var job in jobs)
        {
            if (isJobPending(job.Name))
            {
                throw new SpecRejectedException("The job " + job.Name + " is already pending");
            }
        }
    }
}
