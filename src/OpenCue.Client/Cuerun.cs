using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.Authoring;
using OpenCue.Authoring.Specs;
using OpenCue.Authoring.Validation;
using OpenCue.Client.Internal;

namespace OpenCue.Client;

/// <summary>
/// Launches outlines to Cuebot, as PyOutline's <c>outline.cuerun.launch</c>: prepares the outline
/// with the launcher flags, validates it (before any network call), writes the spec, calls
/// <c>LaunchSpecAndWait</c>, applies what the spec cannot carry (layer max cores, retries), then
/// optionally waits for or tests the job.
/// </summary>
public static class Cuerun
{
    private static readonly Regex DateSuffix = new("_[0-9]{2,4}_[0-9]{2}_[0-9]{2}_[0-9]{2}_[0-9]{2}", RegexOptions.CultureInvariant);

    /// <summary>Launches an outline.</summary>
    /// <param name="outline">The outline; launcher flags (range, shot, env, base name) are applied to it, as PyOutline does.</param>
    /// <param name="options">Launcher flags; defaults when null.</param>
    /// <param name="cancellationToken">Cancels the launch, the wait or the test.</param>
    /// <returns>The launched jobs.</returns>
    /// <exception cref="OutlineValidationException">The outline has errors; nothing was sent.</exception>
    /// <exception cref="JobLaunchException">Cuebot refused the spec.</exception>
    /// <exception cref="JobTestFailedException">Test mode: frames died or were eaten.</exception>
    /// <exception cref="CueServerLostException">Wait or test mode: the server was unreachable for <see cref="LaunchOptions.ServerLostTimeout"/>; the job may still run there.</exception>
    /// <exception cref="CueDeadlineExceededException">A call got no answer within its deadline (<see cref="CueClientOptions.CallDeadline"/>, <see cref="CueClientOptions.LaunchDeadline"/>).</exception>
    /// <exception cref="CueException">Cuebot could not be reached or answered with an error.</exception>
    public static async Task<IReadOnlyList<CueJob>> LaunchAsync(Outline outline, LaunchOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (outline is null)
        {
            throw new ArgumentNullException(nameof(outline));
        }

        var telemetry = options?.Api?.Telemetry ?? ClientTelemetry.For(null);
        using var activity = ClientTelemetry.StartLaunch(outline.Name);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var jobs = await LaunchCoreAsync(outline, options, cancellationToken).ConfigureAwait(false);
            telemetry.LaunchEnded(activity, started, jobs, null);
            return jobs;
        }
        catch (Exception e)
        {
            telemetry.LaunchEnded(activity, started, Array.Empty<CueJob>(), e);
            throw;
        }
    }

    /// <summary>The launch itself (<see cref="LaunchAsync"/> adds its telemetry).</summary>
    private static async Task<IReadOnlyList<CueJob>> LaunchCoreAsync(Outline outline, LaunchOptions? options, CancellationToken cancellationToken)
    {

        options ??= new LaunchOptions();
        options.Validate();
        Prepare(outline, options);
        var specOptions = options.ToSpecWriterOptions();

        // Layer max cores and retry counts only reach Cuebot after launch; a job that runs at once
        // could book more cores, or let a frame die under the spec's one retry, before they land.
        // Such a job is launched paused and resumed once they are set.
        var hold = !options.Pause && (outline.GetLayers().Any(l => l.MaxCores.HasValue || l.RetryCount.HasValue) || options.MaxRetries.HasValue);
        specOptions.Paused |= hold;
        var spec = SpecWriter.Write(outline, specOptions);

        var api = options.Api ?? CreateApi(options);
        var logger = options.Logger ?? api.Logger;
        var jobName = outline.GetConformedJobName();
        var jobs = await LaunchOnceAsync(api, spec, jobName, logger, cancellationToken).ConfigureAwait(false);
        LaunchLog.Launched(logger, string.Join(", ", jobs.Select(j => j.Name)));

        foreach (var job in jobs)
        {
            await ApplyAfterLaunchAsync(job, outline, options, logger, cancellationToken).ConfigureAwait(false);
            if (hold)
            {
                await job.ResumeAsync(cancellationToken).ConfigureAwait(false);
                await job.RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        if (options.Test)
        {
            foreach (var job in jobs)
            {
                await JobWatcher.TestAsync(api, job, options, logger, cancellationToken).ConfigureAwait(false);
            }
        }
        else if (options.Wait)
        {
            foreach (var job in jobs)
            {
                await JobWatcher.WaitAsync(api, job, options, logger, cancellationToken).ConfigureAwait(false);
            }
        }

        return jobs;
    }

    /// <summary>Launches an outline and blocks until done (for scripts; never captures a UI thread's context).</summary>
    /// <param name="outline">The outline.</param>
    /// <param name="options">Launcher flags.</param>
    /// <returns>The launched jobs.</returns>
    public static IReadOnlyList<CueJob> Launch(Outline outline, LaunchOptions? options = null) =>
        Task.Run(() => LaunchAsync(outline, options)).GetAwaiter().GetResult();

    /// <summary>Applies the launcher flags to the outline, as PyOutline's launcher <c>setup</c>.</summary>
    /// <param name="outline">The outline.</param>
    /// <param name="options">The flags.</param>
    internal static void Prepare(Outline outline, LaunchOptions options)
    {
        if (outline is null)
        {
            throw new ArgumentNullException(nameof(outline));
        }

        if (options is null)
        {
            throw new ArgumentNullException(nameof(options));
        }

        if (!string.IsNullOrEmpty(options.Range))
        {
            var fullyBaked = options.RangeDefault && outline.GetLayers().Where(l => !l.IsSingleFrame).All(l => !string.IsNullOrEmpty(l.Range));
            if (!fullyBaked)
            {
                outline.SetFrameRange(options.Range);
            }
        }

        if (!string.IsNullOrEmpty(options.Shot))
        {
            outline.Shot = options.Shot!;
        }

        foreach (var pair in options.Env)
        {
            var equals = pair.IndexOf('=');
            outline.SetEnv(pair.Substring(0, equals), pair.Substring(equals + 1));
        }

        outline.Name = DateSuffix.Replace(outline.Name, string.Empty);
        if (!string.IsNullOrEmpty(options.BaseName))
        {
            outline.Name = options.BaseName!;
        }
    }

    private static CueApi CreateApi(LaunchOptions options)
    {
        var client = new CueClientOptions();
        foreach (var host in (options.Server ?? string.Empty).Split(new[] { ',' }, StringSplitOptions.RemoveEmptyEntries))
        {
            client.Hosts.Add(host.Trim());
        }

        return new CueApi(client);
    }

    /// <summary>
    /// Launch is not idempotent: when the outcome of the call is unknown (no answer, connection lost
    /// after sending), the job is looked up by its conformed name and relaunched only if absent.
    /// Each lookup waits at most the smaller of the call and launch deadlines, and a lookup that
    /// cannot reach the server ends the launch; so a silent server fails a launch after at most
    /// <see cref="CueClientOptions.LaunchDeadline"/> plus that, and the whole step (send, lookup,
    /// one resend, lookup) after at most twice that.
    /// </summary>
    private static async Task<IReadOnlyList<CueJob>> LaunchOnceAsync(CueApi api, string spec, string jobName, ILogger logger, CancellationToken cancellationToken)
    {
        try
        {
            return await api.LaunchSpecAndWaitAsync(spec, cancellationToken).ConfigureAwait(false);
        }
        catch (CueException e) when (e.OutcomeUnknown)
        {
            LaunchLog.AnswerLost(logger, jobName, e.Message);
            try
            {
                var found = await LookUpAsync(api, jobName, e, cancellationToken).ConfigureAwait(false);
                LaunchLog.FoundAfterLostAnswer(logger, jobName);
                return new[] { found };
            }
            catch (EntityNotFoundException)
            {
                LaunchLog.Relaunching(logger, jobName);
            }

            try
            {
                return await api.LaunchSpecAndWaitAsync(spec, cancellationToken).ConfigureAwait(false);
            }
            catch (JobLaunchException refused) when (refused.Message.Contains("already", StringComparison.OrdinalIgnoreCase))
            {
                // The first launch was still being created when it was looked up; it exists now.
                LaunchLog.AppearedWhileRelaunching(logger, jobName);
                return new[] { await LookUpAsync(api, jobName, refused, cancellationToken).ConfigureAwait(false) };
            }
        }
    }

    /// <summary>Looks a job up after a launch with an unknown outcome, within the smaller of the call and launch deadlines.</summary>
    /// <exception cref="EntityNotFoundException">The job is not on the server.</exception>
    /// <exception cref="CueException">The server could not be reached or did not answer: the launch's outcome stays unknown; the message says so.</exception>
    private static async Task<CueJob> LookUpAsync(CueApi api, string jobName, CueException launchError, CancellationToken cancellationToken)
    {
        var deadline = api.Options.CallDeadline < api.Options.LaunchDeadline ? api.Options.CallDeadline : api.Options.LaunchDeadline;
        try
        {
            return await api.FindJobAsync(jobName, deadline, cancellationToken).ConfigureAwait(false);
        }
        catch (CueException lookup) when (ServerContact.IsUnreachable(lookup))
        {
            var message = "the launch of job " + jobName + " got no answer (" + launchError.Message.TrimEnd('.') + "), and looking the job up got none either (" +
                lookup.Message.TrimEnd('.') + "); whether the job was created there is unknown";
            throw lookup is CueDeadlineExceededException
                ? new CueDeadlineExceededException(message, lookup) { StatusCode = lookup.StatusCode, Host = lookup.Host, Method = lookup.Method, OutcomeUnknown = true }
                : new CueConnectionException(message, lookup) { StatusCode = lookup.StatusCode, Host = lookup.Host, Method = lookup.Method, OutcomeUnknown = true };
        }
    }

    private static async Task ApplyAfterLaunchAsync(CueJob job, Outline outline, LaunchOptions options, ILogger logger, CancellationToken cancellationToken)
    {
        var withMaxCores = outline.GetLayers().Where(l => l.MaxCores.HasValue).ToList();
        if (withMaxCores.Count > 0)
        {
            var layers = await job.GetLayersAsync(cancellationToken).ConfigureAwait(false);
            foreach (var layer in withMaxCores)
            {
                var conformed = CueNames.ConformName("Layer", layer.Name);
                var remote = layers.FirstOrDefault(l => string.Equals(l.Name, conformed, StringComparison.Ordinal));
                if (remote is null)
                {
                    LaunchLog.LayerNotFound(logger, conformed, job.Name);
                    continue;
                }

                await remote.SetMaxCoresAsync(layer.MaxCores!.Value, cancellationToken).ConfigureAwait(false);
            }
        }

        var retries = outline.GetLayers().Where(l => l.RetryCount.HasValue).Select(l => l.RetryCount!.Value).Distinct().ToList();
        if (options.MaxRetries.HasValue)
        {
            retries.Add(options.MaxRetries.Value);
        }

        if (retries.Count > 0)
        {
            var max = retries.Max();
            if (retries.Distinct().Count() > 1)
            {
                LaunchLog.RetryCountsDiffer(logger, job.Name, string.Join(", ", retries.Distinct().OrderBy(r => r)), max);
            }

            await job.SetMaxRetriesAsync(max, cancellationToken).ConfigureAwait(false);
        }
    }
}
