using System.Xml;
using System.Xml.Linq;
using Grpc.Core;
using OpenCue.Authoring;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests.Support;

/// <summary>A job held by <see cref="FakeModel"/>.</summary>
public sealed class FakeJob
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required string Show { get; init; }

    public required string Shot { get; init; }

    public required string User { get; init; }

    public PbJob.JobState State { get; set; } = PbJob.JobState.Pending;

    public bool IsPaused { get; set; }

    public int Priority { get; set; } = 1;

    public int MaxRetries { get; set; } = 1;

    public float MaxCores { get; set; }

    public string? KillReason { get; set; }

    public List<FakeLayer> Layers { get; } = new();

    public IEnumerable<FakeFrame> Frames => Layers.SelectMany(l => l.Frames);
}

/// <summary>A layer held by <see cref="FakeModel"/>.</summary>
public sealed class FakeLayer
{
    public required string Id { get; init; }

    public required string Name { get; init; }

    public required FakeJob Job { get; init; }

    public required string Range { get; init; }

    public int Chunk { get; init; } = 1;

    public int DispatchOrder { get; init; }

    public float MaxCores { get; set; }

    public float MinCores { get; set; } = 1;

    public List<FakeFrame> Frames { get; } = new();
}

/// <summary>A frame held by <see cref="FakeModel"/>.</summary>
public sealed class FakeFrame
{
    public required string Id { get; init; }

    public required FakeLayer Layer { get; init; }

    public int Number { get; init; }

    public int DispatchOrder { get; init; }

    public PbJob.FrameState State { get; set; } = PbJob.FrameState.Waiting;

    public int ExitStatus { get; set; } = -1;

    public int RetryCount { get; set; }

    public int StartTime { get; set; }

    public int StopTime { get; set; }

    public string Name => CueNames.FrameName(Number, Layer.Name);
}

/// <summary>
/// The fake Cuebot's in-memory jobs, with the Cuebot semantics the client relies on (facts sheet
/// 6 and 8.5). Every member locks <see cref="Sync"/>; callers that read several values lock it too.
/// </summary>
public sealed class FakeModel
{
    private int _nextId;

    public object Sync { get; } = new();

    public List<FakeJob> Jobs { get; } = new();

    /// <summary>Creates a PENDING job from a spec as Cuebot's launcher would (names conformed, frames from range and chunk).</summary>
    public IReadOnlyList<FakeJob> Launch(string spec)
    {
        XDocument doc;
        try
        {
            using var reader = XmlReader.Create(new StringReader(spec), new XmlReaderSettings { DtdProcessing = DtdProcessing.Ignore, XmlResolver = null });
            doc = XDocument.Load(reader);
        }
        catch (XmlException e)
        {
            throw LaunchError("Could not parse the job spec: " + e.Message);
        }

        var root = doc.Root ?? throw LaunchError("The spec is empty.");
        var show = (string?)root.Element("show") ?? throw LaunchError("The spec has no show.");
        var shot = (string?)root.Element("shot") ?? throw LaunchError("The spec has no shot.");
        var user = (string?)root.Element("user") ?? throw LaunchError("The spec has no user.");
        var created = new List<FakeJob>();
        foreach (var job in root.Elements("job"))
        {
            var layers = job.Element("layers")?.Elements("layer")
                .Select(l => ((string?)l.Attribute("name") ?? string.Empty, (string?)l.Element("range") ?? string.Empty, (int?)l.Element("chunk") ?? 1))
                .ToList() ?? new();
            var paused = string.Equals((string?)job.Element("paused"), "True", StringComparison.OrdinalIgnoreCase);
            var fake = CreateJob(show, shot, user, (string?)job.Attribute("name") ?? string.Empty, layers);
            fake.IsPaused = paused;
            fake.Priority = (int?)job.Element("priority") ?? 1;
            fake.MaxRetries = Math.Clamp((int?)job.Element("maxretries") ?? 1, 0, 1);
            created.Add(fake);
        }

        return created;
    }

    /// <summary>Creates a PENDING job directly (tests that need no spec).</summary>
    public FakeJob CreateJob(string show, string shot, string user, string name, IEnumerable<(string Name, string Range, int Chunk)> layers)
    {
        if (!CueNames.TryConformName("Shot", shot, out var conformedShot, out var shotError))
        {
            throw LaunchError(shotError);
        }

        if (!CueNames.TryConformJobName(show, conformedShot, user, name, out var jobName, out var nameError))
        {
            throw LaunchError(nameError);
        }

        lock (Sync)
        {
            if (Jobs.Any(j => j.State == PbJob.JobState.Pending && j.Name == jobName))
            {
                throw LaunchError("The job name " + jobName + " is already in use.");
            }

            var job = new FakeJob { Id = NextId("job"), Name = jobName, Show = show, Shot = conformedShot, User = user };
            var order = 0;
            foreach (var (layerName, range, chunk) in layers)
            {
                if (!CueNames.TryConformName("Layer", layerName, out var conformedLayer, out var layerError))
                {
                    throw LaunchError(layerError);
                }

                var layer = new FakeLayer { Id = NextId("layer"), Name = conformedLayer, Job = job, Range = range, Chunk = chunk, DispatchOrder = order++ };
                var frameOrder = 0;
                foreach (var start in Chunking.GetChunkStarts(FrameSet.Parse(range), chunk))
                {
                    layer.Frames.Add(new FakeFrame { Id = NextId("frame"), Layer = layer, Number = start, DispatchOrder = frameOrder++ });
                }

                job.Layers.Add(layer);
            }

            Jobs.Add(job);
            return job;
        }
    }

    public FakeJob JobById(string id) => Jobs.FirstOrDefault(j => j.Id == id) ?? throw NotFound("Job not found");

    public FakeJob JobByName(string name) => Jobs.LastOrDefault(j => j.Name == name) ?? throw new InvalidOperationException("No job " + name);

    public FakeLayer LayerById(string id) =>
        Jobs.SelectMany(j => j.Layers).FirstOrDefault(l => l.Id == id) ?? throw new RpcException(new Status(StatusCode.Unknown, "EmptyResultDataAccessException: layer " + id));

    public FakeFrame FrameById(string id) => Jobs.SelectMany(j => j.Frames).FirstOrDefault(f => f.Id == id) ?? throw NotFound("Frame not found");

    /// <summary>Frames matching a criteria, in Cuebot's order (frame dispatch order, then layer order), not paged.</summary>
    public static IEnumerable<FakeFrame> Filter(IEnumerable<FakeFrame> frames, PbJob.FrameSearchCriteria? criteria)
    {
        var result = frames.OrderBy(f => f.DispatchOrder).ThenBy(f => f.Layer.DispatchOrder).AsEnumerable();
        if (criteria is null)
        {
            return result;
        }

        if (criteria.Ids.Count > 0)
        {
            result = result.Where(f => criteria.Ids.Contains(f.Id));
        }

        if (criteria.Frames.Count > 0)
        {
            result = result.Where(f => criteria.Frames.Contains(f.Name));
        }

        if (criteria.Layers.Count > 0)
        {
            result = result.Where(f => criteria.Layers.Contains(f.Layer.Name));
        }

        if (criteria.States is { FrameStates.Count: > 0 })
        {
            result = result.Where(f => criteria.States.FrameStates.Contains(f.State));
        }

        if (!string.IsNullOrEmpty(criteria.FrameRange))
        {
            var numbers = FrameSet.Parse(criteria.FrameRange);
            result = result.Where(f => numbers.Contains(f.Number));
        }

        return result;
    }

    /// <summary>Cuebot's paging: rows <c>(page-1)*limit &lt; n &lt;= page*limit</c>; a limit of 0 returns nothing.</summary>
    public static IEnumerable<FakeFrame> Page(IEnumerable<FakeFrame> frames, PbJob.FrameSearchCriteria? criteria)
    {
        var page = criteria?.Page ?? 0;
        var limit = criteria?.Limit ?? 0;
        return frames.Where((_, i) => (long)(page - 1) * limit < i + 1 && i + 1 <= (long)page * limit);
    }

    /// <summary>Marks the job FINISHED after every frame succeeded.</summary>
    public void FinishJob(FakeJob job)
    {
        lock (Sync)
        {
            foreach (var frame in job.Frames)
            {
                frame.State = PbJob.FrameState.Succeeded;
                frame.ExitStatus = 0;
            }

            job.State = PbJob.JobState.Finished;
        }
    }

    public PbJob.Job ToProto(FakeJob job)
    {
        lock (Sync)
        {
            var frames = job.Frames.ToList();
            var stats = new PbJob.JobStats
            {
                TotalLayers = job.Layers.Count,
                TotalFrames = frames.Count,
                WaitingFrames = Count(frames, PbJob.FrameState.Waiting),
                RunningFrames = Count(frames, PbJob.FrameState.Running),
                DeadFrames = Count(frames, PbJob.FrameState.Dead),
                EatenFrames = Count(frames, PbJob.FrameState.Eaten),
                DependFrames = Count(frames, PbJob.FrameState.Depend),
                SucceededFrames = Count(frames, PbJob.FrameState.Succeeded),
            };
            stats.PendingFrames = stats.WaitingFrames + stats.DependFrames;
            return new PbJob.Job
            {
                Id = job.Id, Name = job.Name, Show = job.Show, Shot = job.Shot, User = job.User, State = job.State,
                IsPaused = job.IsPaused, Priority = job.Priority, MaxCores = job.MaxCores, Facility = "local", JobStats = stats,
            };
        }
    }

    public PbJob.Layer ToProto(FakeLayer layer)
    {
        lock (Sync)
        {
            var frames = layer.Frames;
            var stats = new PbJob.LayerStats
            {
                TotalFrames = frames.Count,
                WaitingFrames = Count(frames, PbJob.FrameState.Waiting),
                RunningFrames = Count(frames, PbJob.FrameState.Running),
                DeadFrames = Count(frames, PbJob.FrameState.Dead),
                EatenFrames = Count(frames, PbJob.FrameState.Eaten),
                DependFrames = Count(frames, PbJob.FrameState.Depend),
                SucceededFrames = Count(frames, PbJob.FrameState.Succeeded),
            };
            return new PbJob.Layer
            {
                Id = layer.Id, Name = layer.Name, Range = layer.Range, ChunkSize = layer.Chunk, ParentId = layer.Job.Id,
                MaxCores = layer.MaxCores, MinCores = layer.MinCores, DispatchOrder = layer.DispatchOrder, Type = PbJob.LayerType.Render, LayerStats = stats,
            };
        }
    }

    public static PbJob.Frame ToProto(FakeFrame frame) => new()
    {
        Id = frame.Id, Name = frame.Name, LayerName = frame.Layer.Name, Number = frame.Number, State = frame.State,
        RetryCount = frame.RetryCount, ExitStatus = frame.ExitStatus, DispatchOrder = frame.DispatchOrder,
        StartTime = frame.StartTime, StopTime = frame.StopTime,
    };

    public static RpcException NotFound(string detail) => new(new Status(StatusCode.NotFound, detail));

    private static RpcException LaunchError(string reason) => new(new Status(StatusCode.Internal, "Failed to launch and add job: " + reason));

    private static int Count(IEnumerable<FakeFrame> frames, PbJob.FrameState state) => frames.Count(f => f.State == state);

    private string NextId(string kind) => kind + "-" + Interlocked.Increment(ref _nextId).ToString("D6", System.Globalization.CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N")[..8];
}
