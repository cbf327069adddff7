using System.Threading.Tasks;
using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Access;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>
/// The first middleware: refuses a call the <see cref="AccessPolicy"/> does not allow its caller, from the request
/// path (<c>/job.JobInterface/LaunchSpec</c>) and the connection's <see cref="PeerIdentityFeature"/>, with
/// PERMISSION_DENIED and before a byte of the request body is read, so a refused caller cannot make LocalCue
/// buffer or parse a large message.
/// </summary>
internal sealed class AccessGate
{
    private readonly AccessPolicy _policy;
    private readonly ILogger _logger;

    /// <summary>Creates the gate.</summary>
    /// <param name="policy">Who may call what.</param>
    /// <param name="logger">Where refusals are logged.</param>
    public AccessGate(AccessPolicy policy, ILogger logger)
    {
        _policy = policy;
        _logger = logger;
    }

    /// <summary>The middleware.</summary>
    /// <param name="context">The request.</param>
    /// <param name="next">The rest of the pipeline.</param>
    /// <returns>A task.</returns>
    public Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        var method = context.Request.Path.Value ?? string.Empty;
        if (ReadOnlyMethods.Contains(method))
        {
            return next(context);
        }

        var caller = Caller.Of(context);
        var refusal = _policy.Refusal(caller, method);
        if (refusal is null)
        {
            return next(context);
        }

        AccessLog.Refused(_logger, method, caller.ToString(), refusal);
        GrpcStatusResponse.TrailersOnly(context, StatusCode.PermissionDenied, refusal);
        return Task.CompletedTask;
    }
}
