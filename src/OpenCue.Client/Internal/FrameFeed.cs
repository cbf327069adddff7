using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Internal;

/// <summary>One look at a job: its state and every frame, in dispatch order.</summary>
internal sealed record JobLook(PbJob.JobState State, IReadOnlyList<PbJob.Frame> Frames);

/// <summary>
/// Looks at a job's frames: through Cuebot's <c>GetUpdatedFrames</c> (only the frames changed since
/// the server time of the last answer) where the server has it, else by listing every frame
/// (<c>GetFrames</c>). A server that answers UNIMPLEMENTED (LocalCue today) is remembered on the
/// <see cref="CueApi"/> and only listed from then on. Cuebot never answers a <c>last_check</c> more
/// than 60 s behind its clock and returns at most 100 frames, so a full listing is taken again
/// when the last answer is older than <see cref="UpdateWindow"/> or an answer is full.
/// </summary>
internal sealed class FrameFeed
{
    private static readonly TimeSpan UpdateWindow = TimeSpan.FromSeconds(45);
    private const int UpdateCap = 100;

    private readonly CueApi _api;
    private readonly CueJob _job;
    private readonly ILogger _logger;
    private List<PbJob.Frame>? _frames;
    private int _serverTime;
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private TimeSpan _answeredAt;

    public FrameFeed(CueApi api, CueJob job, ILogger logger)
    {
        _api = api;
        _job = job;
        _logger = logger;
    }

    public async Task<JobLook> LookAsync(CancellationToken cancellationToken)
    {
        if (_frames != null && _serverTime > 0 && _api.UpdatedFramesServed != false && _clock.Elapsed - _answeredAt < UpdateWindow)
        {
            var asked = _clock.Elapsed;
            var reply = await UpdatedSinceAsync(_serverTime, cancellationToken).ConfigureAwait(false);
            if (reply != null && reply.UpdatedFrames.UpdatedFrames.Count < UpdateCap && Merge(reply) is { } merged)
            {
                _frames = merged;
                _serverTime = reply.ServerTime;
                _answeredAt = asked;
                return new JobLook(reply.State, merged);
            }
        }

        return await ListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A full look: the server time first (so nothing changed during the listing is missed), then the job and all its frames.</summary>
    private async Task<JobLook> ListAsync(CancellationToken cancellationToken)
    {
        _serverTime = 0;
        if (_api.UpdatedFramesServed != false)
        {
            var asked = _clock.Elapsed;
            var clock = (int)(DateTimeOffset.UtcNow.ToUnixTimeSeconds() - 1);
            try
            {
                if (await UpdatedSinceAsync(clock, cancellationToken).ConfigureAwait(false) is { } reply)
                {
                    _serverTime = reply.ServerTime;
                    _answeredAt = asked;
                }
            }
            catch (CueDeadlineExceededException)
            {
                // Cuebot never answers a last_check over a minute off its clock: this client's clock is
                // off (or the server is gone, which the listing below will tell). List from now on.
                _api.UpdatedFramesServed = false;
                WatchLog.UpdatedFramesUnserved(_logger, _job.Name);
            }
        }

        await _job.RefreshAsync(cancellationToken).ConfigureAwait(false);
        var frames = new List<PbJob.Frame>();
        await foreach (var frame in _job.GetFramesAsync(null, cancellationToken).ConfigureAwait(false))
        {
            frames.Add(frame.Data);
        }

        _frames = frames;
        return new JobLook(_job.Data.State, frames);
    }

    private async Task<PbJob.JobGetUpdatedFramesResponse?> UpdatedSinceAsync(int lastCheck, CancellationToken cancellationToken)
    {
        try
        {
            var reply = await _api.CallAsync("job.JobInterface/GetUpdatedFrames", true, (i, o) =>
                CueApi.Jobs(i).GetUpdatedFramesAsync(new PbJob.JobGetUpdatedFramesRequest { Job = new PbJob.Job { Id = _job.Id }, LastCheck = lastCheck }, o).ResponseAsync,
                cancellationToken).ConfigureAwait(false);
            _api.UpdatedFramesServed = true;
            return reply;
        }
        catch (CueException e) when (e.StatusCode == StatusCode.Unimplemented)
        {
            _api.UpdatedFramesServed = false;
            WatchLog.UpdatedFramesUnserved(_logger, _job.Name);
            return null;
        }
    }

    /// <summary>The last frames with the answer's changes applied; null when it names a frame not seen (a listing is due).</summary>
    private List<PbJob.Frame>? Merge(PbJob.JobGetUpdatedFramesResponse reply)
    {
        var byId = new Dictionary<string, int>(StringComparer.Ordinal);
        var merged = _frames!.ToList();
        for (var n = 0; n < merged.Count; n++)
        {
            byId[merged[n].Id] = n;
        }

        foreach (var update in reply.UpdatedFrames.UpdatedFrames)
        {
            if (!byId.TryGetValue(update.Id, out var at))
            {
                return null;
            }

            var frame = merged[at].Clone();
            frame.State = update.State;
            frame.RetryCount = update.RetryCount;
            frame.ExitStatus = update.ExitStatus;
            frame.StartTime = update.StartTime;
            frame.StopTime = update.StopTime;
            frame.MaxRss = update.MaxRss;
            frame.UsedMemory = update.UsedMemory;
            frame.LastResource = update.LastResource;
            frame.LluTime = update.LluTime;
            frame.MaxGpuMemory = update.MaxGpuMemory;
            frame.UsedGpuMemory = update.UsedGpuMemory;
            frame.MaxPss = update.MaxPss;
            merged[at] = frame;
        }

        return merged;
    }
}
