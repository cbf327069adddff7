using System;
using System.Threading.Tasks;
using Grpc.Core;
using OpenCue.LocalCue.Scheduling;
using PbDepend = OpenCue.Proto.Depends;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>Cuebot's <c>depend.DependInterface</c> (Satisfy).</summary>
internal sealed class DependService : PbDepend.DependInterface.DependInterfaceBase
{
    private readonly CueScheduler _cue;

    public DependService(CueScheduler cue) => _cue = cue;

    public override Task<PbDepend.DependGetDependResponse> GetDepend(PbDepend.DependGetDependRequest request, ServerCallContext context) =>
        Task.FromResult(new PbDepend.DependGetDependResponse { Depend = ProtoMapper.ToProto(_cue.GetDepend(request.Id)) });

    public override Task<PbDepend.DependSatisfyResponse> Satisfy(PbDepend.DependSatisfyRequest request, ServerCallContext context)
    {
        _cue.SatisfyDepend(request.Depend?.Id ?? throw new ArgumentException("The request names no depend."));
        return Task.FromResult(new PbDepend.DependSatisfyResponse());
    }
}
