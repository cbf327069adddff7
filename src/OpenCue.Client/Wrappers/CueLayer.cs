using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.Client.Internal;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client;

/// <summary>A layer of a job on the Cuebot (pycue's <c>opencue.wrappers.layer.Layer</c>).</summary>
public sealed class CueLayer
{
    private readonly CueApi _api;

    internal CueLayer(CueApi api, PbJob.Layer data)
    {
        _api = api;
        Data = data;
    }

    /// <summary>The layer as Cuebot sent it (the wire contract stays inside the library).</summary>
    internal PbJob.Layer Data { get; private set; }

    /// <summary>The layer id.</summary>
    public string Id => Data.Id;

    /// <summary>The conformed layer name.</summary>
    public string Name => Data.Name;

    /// <summary>The frame range as launched.</summary>
    public string Range => Data.Range;

    /// <summary>Frames per task.</summary>
    public int ChunkSize => Data.ChunkSize;

    /// <summary>Minimum cores per frame.</summary>
    public double MinCores => Data.MinCores;

    /// <summary>Maximum cores per frame (0: no limit).</summary>
    public double MaxCores => Data.MaxCores;

    /// <summary>Minimum memory per frame, in KB.</summary>
    public long MinMemory => Data.MinMemory;

    /// <summary>Whether frames may use more than the minimum cores.</summary>
    public bool IsThreadable => Data.IsThreadable;

    /// <summary>Host tags.</summary>
    public IReadOnlyList<string> Tags => Data.Tags.ToList();

    /// <summary>Services, the first of which set the defaults.</summary>
    public IReadOnlyList<string> Services => Data.Services.ToList();

    /// <summary>The layer type, as a spec writes it (Cuebot's PRE, which no spec can ask for, reads as <see cref="LayerType.Util"/>).</summary>
    public LayerType Type => ProtoMapping.ToLayerType(Data.Type);

    /// <summary>The command as launched (tokens not yet substituted).</summary>
    public string Command => Data.Command;

    /// <summary>Frame timeout in minutes (0: none).</summary>
    public int Timeout => Data.Timeout;

    /// <summary>Minutes without log output before a frame is killed (0: none).</summary>
    public int TimeoutLlu => Data.TimeoutLlu;

    /// <summary>Frame counts and times.</summary>
    public LayerStats Stats => ProtoMapping.ToLayerStats(Data.LayerStats);

    /// <summary>Fetches the layer again.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>This layer, updated.</returns>
    public async Task<CueLayer> RefreshAsync(CancellationToken cancellationToken = default)
    {
        Data = (await _api.GetLayerAsync(Id, cancellationToken).ConfigureAwait(false)).Data;
        return this;
    }

    /// <summary>The layer's frames, page by page.</summary>
    /// <param name="search">Which frames; null for all.</param>
    /// <param name="cancellationToken">Cancels the listing.</param>
    /// <returns>The frames in dispatch order.</returns>
    public IAsyncEnumerable<CueFrame> GetFramesAsync(FrameSearch? search = null, CancellationToken cancellationToken = default) =>
        _api.PageFramesAsync("job.LayerInterface/GetFrames", search, async (criteria, i, o) =>
            (await CueApi.Layers(i).GetFramesAsync(new PbJob.LayerGetFramesRequest { Layer = Ref(), S = criteria }, o).ConfigureAwait(false)).Frames, cancellationToken);

    /// <summary>Sets the maximum cores per frame (Cuebot rounds down to whole cores).</summary>
    /// <param name="cores">Cores.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetMaxCoresAsync(double cores, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.LayerInterface/SetMaxCores", true, (i, o) => CueApi.Layers(i).SetMaxCoresAsync(new PbJob.LayerSetMaxCoresRequest { Layer = Ref(), Cores = (float)cores }, o).ResponseAsync, cancellationToken);

    /// <summary>Sets the minimum cores per frame (below 0.1 becomes one core).</summary>
    /// <param name="cores">Cores.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetMinCoresAsync(double cores, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.LayerInterface/SetMinCores", true, (i, o) => CueApi.Layers(i).SetMinCoresAsync(new PbJob.LayerSetMinCoresRequest { Layer = Ref(), Cores = (float)cores }, o).ResponseAsync, cancellationToken);

    /// <summary>Sets the minimum memory per frame in KB (below 256 MB becomes 256 MB).</summary>
    /// <param name="kilobytes">Kilobytes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetMinMemoryAsync(long kilobytes, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.LayerInterface/SetMinMemory", true, (i, o) => CueApi.Layers(i).SetMinMemoryAsync(new PbJob.LayerSetMinMemoryRequest { Layer = Ref(), Memory = kilobytes }, o).ResponseAsync, cancellationToken);

    /// <summary>Replaces the host tags.</summary>
    /// <param name="tags">At least one tag.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetTagsAsync(IEnumerable<string> tags, CancellationToken cancellationToken = default)
    {
        var list = (tags ?? throw new ArgumentNullException(nameof(tags))).ToList();
        if (list.Count == 0)
        {
            throw new ArgumentException("Cuebot refuses an empty tag list.", nameof(tags));
        }

        var request = new PbJob.LayerSetTagsRequest { Layer = Ref() };
        request.Tags.AddRange(list);
        return _api.CallAsync("job.LayerInterface/SetTags", true, (i, o) => CueApi.Layers(i).SetTagsAsync(request, o).ResponseAsync, cancellationToken);
    }

    /// <summary>Sets the frame timeout in minutes (0: none).</summary>
    /// <param name="minutes">Minutes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetTimeoutAsync(int minutes, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.LayerInterface/SetTimeout", true, (i, o) => CueApi.Layers(i).SetTimeoutAsync(new PbJob.LayerSetTimeoutRequest { Layer = Ref(), Timeout = minutes }, o).ResponseAsync, cancellationToken);

    /// <summary>Sets the minutes without log output before a frame is killed (0: none).</summary>
    /// <param name="minutes">Minutes.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetTimeoutLluAsync(int minutes, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.LayerInterface/SetTimeoutLLU", true, (i, o) => CueApi.Layers(i).SetTimeoutLLUAsync(new PbJob.LayerSetTimeoutLLURequest { Layer = Ref(), TimeoutLlu = minutes }, o).ResponseAsync, cancellationToken);

    /// <summary>Sets whether frames may use more than the minimum cores.</summary>
    /// <param name="threadable">Threadable.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SetThreadableAsync(bool threadable, CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.LayerInterface/SetThreadable", true, (i, o) => CueApi.Layers(i).SetThreadableAsync(new PbJob.LayerSetThreadableRequest { Layer = Ref(), Threadable = threadable }, o).ResponseAsync, cancellationToken);

    /// <summary>What this layer depends on.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The depends.</returns>
    public Task<IReadOnlyList<CueDepend>> GetWhatThisDependsOnAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync<IReadOnlyList<CueDepend>>("job.LayerInterface/GetWhatThisDependsOn", true, async (i, o) =>
            (await CueApi.Layers(i).GetWhatThisDependsOnAsync(new PbJob.LayerGetWhatThisDependsOnRequest { Layer = Ref() }, o).ConfigureAwait(false)).Depends.Depends.Select(d => new CueDepend(_api, d)).ToList(),
            cancellationToken);

    /// <summary>Retries every frame of the layer.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task RetryFramesAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.LayerInterface/RetryFrames", true, (i, o) => CueApi.Layers(i).RetryFramesAsync(new PbJob.LayerRetryFramesRequest { Layer = Ref() }, o).ResponseAsync, cancellationToken);

    /// <summary>Eats every frame of the layer.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task EatFramesAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync("job.LayerInterface/EatFrames", true, (i, o) => CueApi.Layers(i).EatFramesAsync(new PbJob.LayerEatFramesRequest { Layer = Ref() }, o).ResponseAsync, cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Name;

    private PbJob.Layer Ref() => new() { Id = Id };
}
