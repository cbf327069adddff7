using System.Threading;
using System.Threading.Tasks;
using OpenCue.Client.Internal;
using PbDepend = OpenCue.Proto.Depends;

namespace OpenCue.Client;

/// <summary>A dependency on the Cuebot (pycue's <c>opencue.wrappers.depend.Depend</c>).</summary>
public sealed class CueDepend
{
    private readonly CueApi _api;

    internal CueDepend(CueApi api, PbDepend.Depend data)
    {
        _api = api;
        Data = data;
    }

    /// <summary>The depend as Cuebot sent it (the wire contract stays inside the library).</summary>
    internal PbDepend.Depend Data { get; }

    /// <summary>The depend id.</summary>
    public string Id => Data.Id;

    /// <summary>The type.</summary>
    public CueDependType Type => ProtoMapping.ToDependType(Data.Type);

    /// <summary>Whether it still holds frames back.</summary>
    public bool IsActive => Data.Active;

    /// <summary>Whether one succeeded frame of the target satisfies it.</summary>
    public bool IsAnyFrame => Data.AnyFrame;

    /// <summary>The waiting job.</summary>
    public string DependErJob => Data.DependErJob;

    /// <summary>The waiting layer, if any.</summary>
    public string DependErLayer => Data.DependErLayer;

    /// <summary>The waiting frame, if any.</summary>
    public string DependErFrame => Data.DependErFrame;

    /// <summary>The job waited on.</summary>
    public string DependOnJob => Data.DependOnJob;

    /// <summary>The layer waited on, if any.</summary>
    public string DependOnLayer => Data.DependOnLayer;

    /// <summary>The frame waited on, if any.</summary>
    public string DependOnFrame => Data.DependOnFrame;

    /// <summary>Satisfies the depend by hand: the frames it held may start.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>A task.</returns>
    public Task SatisfyAsync(CancellationToken cancellationToken = default) =>
        _api.CallAsync("depend.DependInterface/Satisfy", true, (i, o) =>
            new PbDepend.DependInterface.DependInterfaceClient(i).SatisfyAsync(new PbDepend.DependSatisfyRequest { Depend = new PbDepend.Depend { Id = Id } }, o).ResponseAsync,
            cancellationToken);

    /// <inheritdoc />
    public override string ToString() => Type + " " + DependErLayer + " -> " + DependOnLayer + (IsActive ? string.Empty : " (satisfied)");
}
