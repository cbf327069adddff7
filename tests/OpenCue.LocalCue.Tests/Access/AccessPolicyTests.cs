using System.Reflection;
using OpenCue.LocalCue.Access;
using OpenCue.LocalCue.GrpcServices;

namespace OpenCue.LocalCue.Tests.Access;

/// <summary>Who may launch and control: root, LocalCue's own user, the allowed users; queries are open.</summary>
public sealed class AccessPolicyTests
{
    private static readonly PeerIdentity Stranger = PeerIdentity.Identified(PeerTransport.LoopbackTcp, 65534, "127.0.0.1:40000");

    [Fact]
    public void Root_and_the_own_user_may_control_others_may_only_query()
    {
        var policy = new AccessPolicy(1000, Array.Empty<uint>(), anyLocalUser: false, remoteControl: false);

        policy.Refusal(PeerIdentity.Identified(PeerTransport.LoopbackTcp, 0, "a"), "/job.JobInterface/Kill").Should().BeNull();
        policy.Refusal(PeerIdentity.Identified(PeerTransport.UnixSocket, 1000, "a"), "/job.JobInterface/LaunchSpecAndWait").Should().BeNull();
        policy.Refusal(Stranger, "/job.JobInterface/GetJobs").Should().BeNull();
        policy.Refusal(Stranger, "/job.JobInterface/Kill").Should().Be(
            "uid 65534 may not launch or control jobs on this LocalCue (/job.JobInterface/Kill): only uid 0 and its own user (uid 1000) may; " +
            "start it with --allow-user NAME (or --allow-any-user).");
    }

    [Theory]
    [InlineData("/job.JobInterface/Pause")]
    [InlineData("/job.FrameInterface/Retry")]
    [InlineData("/depend.DependInterface/Satisfy")]
    [InlineData("/job.LayerInterface/SetTags")]
    [InlineData("/job.JobInterface/SomethingNew")]
    [InlineData("/host.HostInterface/GetHosts")]
    [InlineData("")]
    public void Unknown_and_changing_methods_are_control(string method)
    {
        ReadOnlyMethods.Contains(method).Should().BeFalse();
        new AccessPolicy(1000, Array.Empty<uint>(), false, false).Refusal(Stranger, method).Should().NotBeNull();
    }

    [Fact]
    public void Allowed_users_by_number_and_name_and_any_local_user()
    {
        var nobody = AccessPolicy.Resolve("nobody");
        AccessPolicy.Resolve("root").Should().Be(0u);
        AccessPolicy.Resolve(" 1234 ").Should().Be(1234u);
        var policy = new AccessPolicy(1000, new[] { 1234u, nobody }, false, false);

        policy.Refusal(PeerIdentity.Identified(PeerTransport.LoopbackTcp, 1234, "a"), "/job.JobInterface/Kill").Should().BeNull();
        policy.Refusal(PeerIdentity.Identified(PeerTransport.LoopbackTcp, nobody, "a"), "/job.JobInterface/Kill").Should().BeNull();
        policy.Refusal(PeerIdentity.Identified(PeerTransport.LoopbackTcp, 1235, "a"), "/job.JobInterface/Kill").Should().Contain("and uids 1234, " + nobody);
        new AccessPolicy(1000, Array.Empty<uint>(), anyLocalUser: true, false).Refusal(Stranger, "/job.JobInterface/Kill").Should().BeNull();
    }

    [Fact]
    public void From_options_an_unknown_user_name_fails_clearly()
    {
        var options = new LocalCueOptions();
        options.AllowedUsers.Add("no-such-user-" + Guid.NewGuid().ToString("N")[..8]);

        var act = () => AccessPolicy.FromOptions(options);

        act.Should().Throw<ArgumentException>().WithMessage("*there is no user 'no-such-user-*' in the passwd database*");
    }

    [Fact]
    public void Callers_that_cannot_be_identified_may_only_query_even_with_any_local_user()
    {
        var policy = new AccessPolicy(1000, Array.Empty<uint>(), anyLocalUser: true, remoteControl: false);
        var unknown = PeerIdentity.Unidentified(PeerTransport.LoopbackTcp, "127.0.0.1:40000", "no row");

        policy.Refusal(unknown, "/job.JobInterface/GetJobs").Should().BeNull();
        policy.Refusal(unknown, "/job.JobInterface/Kill").Should().Contain("could not be identified (no row)");
    }

    [Fact]
    public void Remote_callers_may_control_only_with_remote_control()
    {
        var remote = PeerIdentity.Unidentified(PeerTransport.RemoteTcp, "10.1.2.3:5000", "not a loopback address");

        new AccessPolicy(1000, Array.Empty<uint>(), true, remoteControl: false).Refusal(remote, "/job.JobInterface/Kill")
            .Should().Contain("remote caller 10.1.2.3:5000").And.Contain("--allow-remote-control");
        new AccessPolicy(1000, Array.Empty<uint>(), false, remoteControl: false).Refusal(remote, "/job.JobInterface/GetJob").Should().BeNull();
        new AccessPolicy(1000, Array.Empty<uint>(), false, remoteControl: true).Refusal(remote, "/job.JobInterface/Kill").Should().BeNull();
    }

    [Fact]
    public void Every_read_only_method_exists_and_every_served_query_is_read_only()
    {
        var services = new[] { typeof(JobService), typeof(LayerService), typeof(FrameService), typeof(DependService), typeof(CueService) };
        var served = new List<string>();
        foreach (var service in services)
        {
            var baseType = service.BaseType!;
            var name = (string)baseType.DeclaringType!.GetField("__ServiceName", BindingFlags.NonPublic | BindingFlags.Static)!.GetValue(null)!;
            served.AddRange(service.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
                .Where(m => m.GetBaseDefinition().DeclaringType == baseType)
                .Select(m => "/" + name + "/" + m.Name));
        }

        served.Should().Contain(ReadOnlyMethods.Names, "every allowed method is one LocalCue serves");
        served.Where(m => m.Split('/')[2] is var verb && (verb.StartsWith("Get") || verb.StartsWith("Find") || verb.StartsWith("Is")))
            .Should().BeEquivalentTo(ReadOnlyMethods.Names, "every query LocalCue serves is open");
        served.Except(ReadOnlyMethods.Names).Should().Contain(new[] { "/job.JobInterface/LaunchSpecAndWait", "/job.JobInterface/Kill", "/depend.DependInterface/Satisfy" });
    }
}
