using System.Buffers.Binary;
using System.Globalization;
using Grpc.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using OpenCue.LocalCue.Access;
using OpenCue.LocalCue.GrpcServices;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Access;

/// <summary>
/// Access is decided from the request path and the connection before the body is read; every method but the
/// launches takes at most 4 MiB.
/// </summary>
public sealed class AccessGateTests
{
    /// <summary>A request body that counts reads and fails them: the gate must not read it.</summary>
    private sealed class UnreadableBody : MemoryStream
    {
        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            throw new InvalidOperationException("the request body was read");
        }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            Reads++;
            throw new InvalidOperationException("the request body was read");
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
        {
            Reads++;
            throw new InvalidOperationException("the request body was read");
        }
    }

    [Fact]
    public async Task A_launch_from_a_uid_the_policy_refuses_is_permission_denied_without_reading_the_body()
    {
        var policy = new AccessPolicy(0, Array.Empty<uint>(), anyLocalUser: false, remoteControl: false);
        var body = new UnreadableBody();
        var context = new DefaultHttpContext();
        context.Features.Set(new PeerIdentityFeature(PeerIdentity.Identified(PeerTransport.LoopbackTcp, 4242, "127.0.0.1:40000")));
        context.Request.Method = "POST";
        context.Request.Path = "/job.JobInterface/LaunchSpec";
        context.Request.ContentType = "application/grpc";
        context.Request.Body = body;
        var reached = false;
        var guard = new MessageSizeGuard(100L * 1024 * 1024, NullLogger.Instance);
        RequestDelegate service = _ =>
        {
            reached = true;
            return Task.CompletedTask;
        };

        await new AccessGate(policy, NullLogger.Instance).InvokeAsync(context, c => guard.InvokeAsync(c, service));

        body.Reads.Should().Be(0);
        reached.Should().BeFalse();
        context.Response.StatusCode.Should().Be(200);
        context.Response.ContentType.Should().Be("application/grpc");
        context.Response.Headers["grpc-status"].ToString().Should().Be("7");
        Uri.UnescapeDataString(context.Response.Headers["grpc-message"].ToString()).Should().Be(
            "uid 4242 may not launch or control jobs on this LocalCue (/job.JobInterface/LaunchSpec): only uid 0 (root, its own user) may; " +
            "start it with --allow-user NAME (or --allow-any-user).");
    }

    [Fact]
    public async Task A_query_of_more_than_4_MiB_is_resource_exhausted_naming_the_limit()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = GrpcChannel.ForAddress("http://" + h.Cue.Address, new GrpcChannelOptions { MaxSendMessageSize = null, MaxReceiveMessageSize = null });
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);
        var criteria = new PbJob.JobSearchCriteria();
        criteria.Ids.AddRange(Enumerable.Range(0, 5 * 1024).Select(i => new string('x', 1024)));

        var act = async () => await jobs.GetJobsAsync(new PbJob.JobGetJobsRequest { R = criteria }, deadline: DateTime.UtcNow.AddSeconds(60));
        var refused = (await act.Should().ThrowAsync<RpcException>()).Which;

        refused.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        refused.Status.Detail.Should().StartWith("The request message is ").And.EndWith(
            " bytes; LocalCue accepts messages of at most 4194304 bytes (4 MiB) for /job.JobInterface/GetJobs: only LaunchSpec and LaunchSpecAndWait take larger " +
            "messages (up to LocalCueOptions.MaxMessageBytes).");
        (await jobs.GetJobsAsync(new PbJob.JobGetJobsRequest { R = new PbJob.JobSearchCriteria() }, deadline: DateTime.UtcNow.AddSeconds(60))).Jobs.Jobs.Should().BeEmpty();
    }
}
