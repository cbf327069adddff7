using System.Text;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;
using OpenCue.LocalCue.Tests.Support;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>
/// Hostile and malformed specs sent to the real gRPC server: each gets a clear status naming the
/// problem, nothing is written outside the state directory, and the scheduler keeps answering.
/// </summary>
public class IntakeOverGrpcTests
{
    private static readonly Marshaller<byte[]> Bytes = Marshallers.Create(b => b, b => b);

    private static string Paused(string layers = "", string name = "my-job") =>
        Job(layers.Length == 0 ? Layer() : layers, name: name, settings: "<paused>true</paused>");

    private static string HeaderWith(string show = "testing", string user = "jdoe", string uid = "1000") =>
        "<show>" + show + "</show><shot>sh010</shot><user>" + user + "</user><uid>" + uid + "</uid>";

    private static GrpcChannel Channel(LocalCueHarness h) =>
        GrpcChannel.ForAddress("http://" + h.Cue.Address, new GrpcChannelOptions { MaxSendMessageSize = null, MaxReceiveMessageSize = null });

    private static async Task<RpcException> LaunchFails(PbJob.JobInterface.JobInterfaceClient jobs, string spec)
    {
        var act = async () => await jobs.LaunchSpecAsync(new PbJob.JobLaunchSpecRequest { Spec = spec }, deadline: DateTime.UtcNow.AddSeconds(60));
        return (await act.Should().ThrowAsync<RpcException>()).Which;
    }

    // A LaunchSpec request built by hand: field 1 (spec), length-delimited, holding any bytes.
    private static byte[] RawRequest(byte[] spec)
    {
        using var stream = new MemoryStream();
        var output = new CodedOutputStream(stream);
        output.WriteTag(1, WireFormat.WireType.LengthDelimited);
        output.WriteBytes(ByteString.CopyFrom(spec));
        output.Flush();
        return stream.ToArray();
    }

    private static async Task<RpcException> RawCallFails(GrpcChannel channel, string method, byte[] request)
    {
        var raw = new Method<byte[], byte[]>(MethodType.Unary, "job.JobInterface", method, Bytes, Bytes);
        var act = async () => await channel.CreateCallInvoker().AsyncUnaryCall(raw, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(60)), request);
        return (await act.Should().ThrowAsync<RpcException>()).Which;
    }

    [Fact]
    public async Task A_50000_deep_spec_is_refused_while_queries_keep_answering_within_a_short_deadline()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);
        await jobs.LaunchSpecAsync(new PbJob.JobLaunchSpecRequest { Spec = Spec(Paused()) });

        var depth = 50_000;
        var nested = string.Concat(Enumerable.Repeat("<a>", depth)) + string.Concat(Enumerable.Repeat("</a>", depth));
        var launch = LaunchFails(jobs, Spec(Paused(name: "deep") + nested));
        var answered = 0;
        do
        {
            // The deadline is a hang guard: the scheduler must answer while the bad spec is being handled.
            var found = await jobs.GetJobsAsync(new PbJob.JobGetJobsRequest { R = new PbJob.JobSearchCriteria() }, deadline: DateTime.UtcNow.AddSeconds(2));
            found.Jobs.Jobs.Should().ContainSingle(j => j.Name == "testing-sh010-jdoe_my_job");
            answered++;
        }
        while (!launch.IsCompleted);

        var refused = await launch;
        refused.StatusCode.Should().Be(StatusCode.Internal);
        refused.Status.Detail.Should().StartWith("Failed to launch and add job: Failed to parse job spec XML, the spec nests elements more than 64 deep");
        answered.Should().BeGreaterThan(0);
    }

    [Fact]
    public async Task Path_traversal_in_show_and_user_is_refused_and_writes_nothing_outside_the_state_directory()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);
        var before = Directory.GetFileSystemEntries(h.Root).Order().ToList();
        var rootBefore = Directory.GetFileSystemEntries("/").Order().ToList();

        var cases = new[]
        {
            (HeaderWith(show: "../../../../../escaped_show"), "error, the show '../../../../../escaped_show' (the spec of job 'my-job') cannot be used: it contains a path separator '/' at position 3"),
            (HeaderWith(show: "/escaped_show"), "error, the show '/escaped_show' (the spec of job 'my-job') cannot be used: it is an absolute path"),
            (HeaderWith(show: ".."), "error, the show '..' (the spec of job 'my-job') cannot be used: it starts with '.'"),
            (HeaderWith(user: "x/../../../../../../escaped_user"), "error, the user 'x/../../../../../../escaped_user' (the spec of job 'my-job') cannot be used: it contains a path separator '/' at position 2"),
        };
        foreach (var (header, expected) in cases)
        {
            var refused = await LaunchFails(jobs, Spec(Job(Layer()), header: header));
            refused.StatusCode.Should().Be(StatusCode.Internal);
            refused.Status.Detail.Should().StartWith("Failed to launch and add job: " + expected);
        }

        Directory.Exists("/escaped_show").Should().BeFalse();
        Directory.Exists("/escaped_user").Should().BeFalse();
        Directory.GetFileSystemEntries("/").Order().Should().Equal(rootBefore);
        Directory.GetFileSystemEntries(h.Root).Order().Should().Equal(before, "nothing is written next to the state directory");
        (await jobs.GetJobsAsync(new PbJob.JobGetJobsRequest { R = new PbJob.JobSearchCriteria() })).Jobs.Jobs.Should().BeEmpty();
    }

    [Fact]
    public async Task Long_names_and_a_negative_uid_are_refused_naming_the_value()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);
        var longName = new string('x', 10_000);

        var show = await LaunchFails(jobs, Spec(Job(Layer()), header: HeaderWith(show: longName)));
        show.StatusCode.Should().Be(StatusCode.Internal);
        show.Status.Detail.Should().Contain("the show '" + new string('x', 64) + "...'").And.Contain("it is 10000 characters long");

        var job = await LaunchFails(jobs, Spec(Job(Layer(), name: longName)));
        job.StatusCode.Should().Be(StatusCode.Internal);
        job.Status.Detail.Should().Contain("the job name 'testing-sh010-jdoe_xxx").And.Contain("is 10019 characters long");

        var uid = await LaunchFails(jobs, Spec(Job(Layer()), header: HeaderWith(uid: "-1")));
        uid.StatusCode.Should().Be(StatusCode.Internal);
        uid.Status.Detail.Should().Be("Failed to launch and add job: error, the uid -1 of user 'jdoe' (the spec of job 'my-job') is negative; " +
            "a uid is a number from 1 up (0 is root, which cannot launch jobs).");
    }

    [Fact]
    public async Task A_refusal_quoting_a_huge_value_is_cut_to_a_readable_status_message()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);

        // An NMTOKEN but not a Cuebot name (':'): Cuebot's message quotes the whole 60,002-character suffix.
        var refused = await LaunchFails(jobs, Spec(Job(Layer(), name: "a:" + new string('b', 60_000))));
        refused.StatusCode.Should().Be(StatusCode.Internal);
        refused.Status.Detail.Should().StartWith("Failed to launch and add job: The job name suffix 'a:bbb").And.EndWith(" characters, cut)");
        refused.Status.Detail.Length.Should().BeLessThan(4200);
    }

    [Theory]
    [InlineData("LaunchSpec")]
    [InlineData("LaunchSpecAndWait")]
    public async Task A_spec_that_is_not_utf8_is_invalid_argument_naming_the_byte_offset(string method)
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var spec = Encoding.UTF8.GetBytes(Spec(Paused()));
        var offset = Array.IndexOf(spec, (byte)'#');
        spec[offset] = 0xFF;

        var refused = await RawCallFails(channel, method, RawRequest(spec));
        refused.StatusCode.Should().Be(StatusCode.InvalidArgument);
        refused.Status.Detail.Should().Be("The spec of the " + method + " request is not valid UTF-8: the byte 0xFF at byte offset " + offset + " of the spec (" +
            spec.Length + " bytes) does not start a valid UTF-8 sequence; a protobuf string, and a cjsl spec, must be UTF-8.");

        var truncated = Encoding.UTF8.GetBytes("<spec>caf\u00e9").SkipLast(1).ToArray();
        var cut = await RawCallFails(channel, method, RawRequest(truncated));
        cut.StatusCode.Should().Be(StatusCode.InvalidArgument);
        cut.Status.Detail.Should().Contain("the byte 0xC3 at byte offset 9 of the spec");
    }

    [Fact]
    public async Task Binary_that_is_not_a_request_message_is_invalid_argument()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var refused = await RawCallFails(channel, "LaunchSpec", new byte[] { 0x0A, 0x7F, 0x01, 0x02 });
        refused.StatusCode.Should().Be(StatusCode.InvalidArgument);
        refused.Status.Detail.Should().StartWith("The LaunchSpec request (4 bytes) is not a valid protobuf message: ");
    }

    [Fact]
    public async Task A_nul_in_the_spec_is_invalid_argument_naming_its_position()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);
        var spec = Spec(Paused());
        var at = spec.IndexOf("echo", StringComparison.Ordinal);
        var refused = await LaunchFails(jobs, spec.Insert(at, "\0"));
        refused.StatusCode.Should().Be(StatusCode.InvalidArgument);
        refused.Status.Detail.Should().Be("Failed to parse job spec XML, the spec contains the character U+0000 (NUL), which XML does not allow, at line 1, column " +
            (at + 1) + " (character offset " + at + ").");
    }

    [Fact]
    public async Task A_message_over_the_limit_is_resource_exhausted_naming_the_limit_and_one_at_the_limit_gets_through()
    {
        const int limit = 1024 * 1024;
        await using var h = await LocalCueHarness.StartAsync(o => o.MaxMessageBytes = limit);
        using var channel = Channel(h);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);
        var spec = Spec(Paused());
        string WithFill(int n) => spec + "<!--" + new string(' ', n) + "-->";
        int Size(string text) => RawRequest(Encoding.UTF8.GetBytes(text)).Length;
        var fill = limit - Size(WithFill(0));
        while (Size(WithFill(fill)) > limit)
        {
            fill--;
        }

        Size(WithFill(fill)).Should().Be(limit);
        Size(WithFill(fill + 1)).Should().Be(limit + 1);

        var over = await LaunchFails(jobs, WithFill(fill + 1));
        over.StatusCode.Should().Be(StatusCode.ResourceExhausted);
        over.Status.Detail.Should().Be("The request message is 1048577 bytes; LocalCue accepts messages of at most 1048576 bytes (1 MiB, LocalCueOptions.MaxMessageBytes).");

        // A message of exactly the limit passes both the HTTP body limit (message and its 5-byte prefix) and the gRPC limit.
        var names = await jobs.LaunchSpecAsync(new PbJob.JobLaunchSpecRequest { Spec = WithFill(fill) }, deadline: DateTime.UtcNow.AddSeconds(60));
        names.Names.Should().Equal("testing-sh010-jdoe_my_job");
    }

    [Fact]
    public async Task A_40_MB_spec_is_launched_past_the_web_servers_default_body_limit()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);
        var spec = Spec(Paused()) + "<!--" + new string(' ', 40 * 1024 * 1024) + "-->";
        var names = await jobs.LaunchSpecAsync(new PbJob.JobLaunchSpecRequest { Spec = spec }, deadline: DateTime.UtcNow.AddSeconds(120));
        names.Names.Should().Equal("testing-sh010-jdoe_my_job");
    }

    [Fact]
    public async Task Fifty_concurrent_launches_with_queries_run_clean_and_a_repeated_name_is_pending_exactly_once()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = Channel(h);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);
        var deadline = () => DateTime.UtcNow.AddSeconds(60);

        var launches = Enumerable.Range(0, 50).Select(async i =>
        {
            var names = await jobs.LaunchSpecAsync(new PbJob.JobLaunchSpecRequest { Spec = Spec(Paused(name: "job" + i)) }, deadline: deadline());
            await jobs.GetJobsAsync(new PbJob.JobGetJobsRequest { R = new PbJob.JobSearchCriteria() }, deadline: deadline());
            return names.Names.Single();
        }).ToList();
        var same = Enumerable.Range(0, 10).Select(async _ =>
        {
            try
            {
                await jobs.LaunchSpecAsync(new PbJob.JobLaunchSpecRequest { Spec = Spec(Paused(name: "same")) }, deadline: deadline());
                return "launched";
            }
            catch (RpcException e)
            {
                return e.StatusCode + " " + e.Status.Detail;
            }
        }).ToList();

        (await Task.WhenAll(launches)).Should().BeEquivalentTo(Enumerable.Range(0, 50).Select(i => "testing-sh010-jdoe_job" + i));
        var outcomes = await Task.WhenAll(same);
        outcomes.Count(o => o == "launched").Should().Be(1, string.Join("\n", outcomes));
        outcomes.Where(o => o != "launched").Should().AllBe("Internal Failed to launch and add job: The job testing-sh010-jdoe_same is already pending");

        var all = await jobs.GetJobsAsync(new PbJob.JobGetJobsRequest { R = new PbJob.JobSearchCriteria() }, deadline: deadline());
        all.Jobs.Jobs.Should().HaveCount(51);
        all.Jobs.Jobs.Select(j => j.Name).Should().OnlyHaveUniqueItems();
    }
}
