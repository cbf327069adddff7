using Grpc.Core;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.GrpcServices;

/// <summary>
/// Binds <see cref="JobService"/> as the generated code does, except that the two methods that carry a
/// spec read their request with <see cref="SpecRequestMarshaller"/>. Same method names, same wire
/// format: only what happens to a request that is not readable changes.
/// </summary>
internal sealed class SpecRequestBinder : ServiceBinderBase
{
    private readonly ServiceBinderBase _inner;

    public SpecRequestBinder(ServiceBinderBase inner) => _inner = inner;

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, UnaryServerMethod<TRequest, TResponse>? handler) =>
        _inner.AddMethod(WithSpecMarshaller(method), handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ClientStreamingServerMethod<TRequest, TResponse>? handler) =>
        _inner.AddMethod(method, handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, ServerStreamingServerMethod<TRequest, TResponse>? handler) =>
        _inner.AddMethod(method, handler);

    public override void AddMethod<TRequest, TResponse>(Method<TRequest, TResponse> method, DuplexStreamingServerMethod<TRequest, TResponse>? handler) =>
        _inner.AddMethod(method, handler);

    private static Method<TRequest, TResponse> WithSpecMarshaller<TRequest, TResponse>(Method<TRequest, TResponse> method)
        where TRequest : class
        where TResponse : class
    {
        object? marshaller = method.RequestMarshaller switch
        {
            Marshaller<PbJob.JobLaunchSpecRequest> launch => SpecRequestMarshaller.Create(launch, PbJob.JobLaunchSpecRequest.Parser, method.Name),
            Marshaller<PbJob.JobLaunchSpecAndWaitRequest> wait => SpecRequestMarshaller.Create(wait, PbJob.JobLaunchSpecAndWaitRequest.Parser, method.Name),
            _ => null,
        };
        return marshaller is null
            ? method
            : new Method<TRequest, TResponse>(method.Type, method.ServiceName, method.Name, (Marshaller<TRequest>)marshaller, method.ResponseMarshaller);
    }
}
