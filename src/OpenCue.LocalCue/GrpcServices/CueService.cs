using System.Threading.Tasks;
using Grpc.Core;
using OpenCue.LocalCue.Scheduling;
using PbCue = OpenCue.Proto.Cue;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>Cuebot's <c>cue.CueInterface</c>: pycue calls GetSystemStats to open every connection.</summary>
internal sealed class CueService : PbCue.CueInterface.CueInterfaceBase
{
    private readonly CueScheduler _cue;

    public CueService(CueScheduler cue) => _cue = cue;

    public override Task<PbCue.CueGetSystemStatsResponse> GetSystemStats(PbCue.CueGetSystemStatsRequest request, ServerCallContext context)
    {
        var (_, _, running) = _cue.Stats();
        return Task.FromResult(new PbCue.CueGetSystemStatsResponse
        {
            Stats = new PbCue.SystemStats { DispatchThreads = 1, DispatchExecuted = running, DispatchRemainingCapacity = _cue.CapacityCorePoints / 100 },
        });
    }
}
