using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Linq;
using Grpc.Core;

namespace OpenCue.Client.Internal;

/// <summary>
/// The client's instruments (names in <see cref="CueClientTelemetry"/>): one activity and one call
/// count and duration per Cuebot call (failover attempts included), one activity and one count and
/// duration per <see cref="Cuerun"/> launch. One instance per meter: the process-wide default, or
/// one per <see cref="IMeterFactory"/> (each dependency-injection container has its own).
/// </summary>
internal sealed class ClientTelemetry
{
    /// <summary>Every activity of the client; activities cost nothing while nobody listens.</summary>
    public static readonly ActivitySource Source = new(CueClientTelemetry.Name, Version);

    private static readonly ClientTelemetry Shared = new(new Meter(CueClientTelemetry.Name, Version));

    private readonly Counter<long> _calls;
    private readonly Histogram<double> _callDuration;
    private readonly Counter<long> _launches;
    private readonly Histogram<double> _launchDuration;

    private ClientTelemetry(Meter meter)
    {
        _calls = meter.CreateCounter<long>(CueClientTelemetry.CallsInstrument, "{call}", "Cuebot calls made, by method and gRPC status code.");
        _callDuration = meter.CreateHistogram<double>(CueClientTelemetry.CallDurationInstrument, "s", "Duration of Cuebot calls, failover and backoff included.");
        _launches = meter.CreateCounter<long>(CueClientTelemetry.LaunchesInstrument, "{launch}", "Outlines launched by Cuerun, by outcome.");
        _launchDuration = meter.CreateHistogram<double>(CueClientTelemetry.LaunchDurationInstrument, "s", "Duration of Cuerun launches, waiting and testing included.");
    }

    private static string Version => typeof(ClientTelemetry).Assembly.GetName().Version?.ToString() ?? "0.0.0";

    /// <summary>The instruments for a meter factory, or the process-wide ones when there is none.</summary>
    /// <param name="factory">The factory from the options; <see langword="null"/> for the shared meter.</param>
    /// <returns>The instruments.</returns>
    public static ClientTelemetry For(IMeterFactory? factory) =>
        factory is null ? Shared : new ClientTelemetry(factory.Create(new MeterOptions(CueClientTelemetry.Name) { Version = Version }));

    /// <summary>Starts the activity of a call (null when nobody listens).</summary>
    /// <param name="method">The gRPC method, <c>package.Service/Method</c>.</param>
    /// <returns>The activity.</returns>
    public static Activity? StartCall(string method)
    {
        var activity = Source.StartActivity(method, ActivityKind.Client);
        if (activity is not null)
        {
            var slash = method.IndexOf('/');
            activity.SetTag("rpc.system", "grpc");
            activity.SetTag("rpc.service", slash < 0 ? method : method.Substring(0, slash));
            activity.SetTag("rpc.method", slash < 0 ? method : method.Substring(slash + 1));
        }

        return activity;
    }

    /// <summary>Starts the activity of a launch (null when nobody listens).</summary>
    /// <param name="jobName">The conformed job name.</param>
    /// <returns>The activity.</returns>
    public static Activity? StartLaunch(string jobName)
    {
        var activity = Source.StartActivity(CueClientTelemetry.LaunchActivity, ActivityKind.Internal);
        activity?.SetTag(CueClientTelemetry.JobNameTag, jobName);
        return activity;
    }

    /// <summary>Records a finished call.</summary>
    /// <param name="activity">Its activity, if any.</param>
    /// <param name="method">The gRPC method.</param>
    /// <param name="started">When it started (<see cref="Stopwatch.GetTimestamp"/>).</param>
    /// <param name="error">The failure; <see langword="null"/> for success.</param>
    public void CallEnded(Activity? activity, string method, long started, Exception? error)
    {
        var status = StatusOf(error);
        var tags = new TagList
        {
            { "rpc.method", method },
            { "rpc.grpc.status_code", (int)status },
        };
        _calls.Add(1, tags);
        _callDuration.Record(Seconds(started), tags);
        if (activity is not null)
        {
            activity.SetTag("rpc.grpc.status_code", (int)status);
            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
                activity.SetTag("error.type", error.GetType().FullName);
            }
        }
    }

    /// <summary>Records a finished launch.</summary>
    /// <param name="activity">Its activity, if any.</param>
    /// <param name="started">When it started (<see cref="Stopwatch.GetTimestamp"/>).</param>
    /// <param name="jobs">The jobs launched; empty when it failed.</param>
    /// <param name="error">The failure; <see langword="null"/> for success.</param>
    public void LaunchEnded(Activity? activity, long started, IReadOnlyList<CueJob> jobs, Exception? error)
    {
        var outcome = error switch
        {
            null => "launched",
            OperationCanceledException => "cancelled",
            _ => "failed",
        };
        var tags = new TagList { { CueClientTelemetry.OutcomeTag, outcome } };
        _launches.Add(1, tags);
        _launchDuration.Record(Seconds(started), tags);
        if (activity is not null)
        {
            activity.SetTag(CueClientTelemetry.OutcomeTag, outcome);
            activity.SetTag(CueClientTelemetry.JobCountTag, jobs.Count);
            if (jobs.Count > 0)
            {
                activity.SetTag(CueClientTelemetry.JobNameTag, string.Join(",", jobs.Select(j => j.Name)));
            }
            if (error is not null)
            {
                activity.SetStatus(ActivityStatusCode.Error, error.Message);
                activity.SetTag("error.type", error.GetType().FullName);
            }
        }
    }

    private static StatusCode StatusOf(Exception? error) => error switch
    {
        null => StatusCode.OK,
        CueException cue => cue.StatusCode ?? StatusCode.Unknown,
        OperationCanceledException => StatusCode.Cancelled,
        _ => StatusCode.Unknown,
    };

    private static double Seconds(long started) =>
        (Stopwatch.GetTimestamp() - started) / (double)Stopwatch.Frequency;
}
