using System.Net.Http;
using OpenCue.Client.Tests.Support;

namespace OpenCue.Client.Tests;

/// <summary>
/// The HTTP/2 handler a host brings (WinHttpHandler on .NET Framework, a Unity handler): a factory
/// makes one per channel and the client disposes them; a shared handler stays the caller's.
/// </summary>
public class HttpHandlerTests
{
    private static readonly (string, string, int)[] OneLayer = { ("render", "1-3", 1) };

    [Fact]
    public async Task A_factory_makes_one_handler_per_host_used_and_the_client_disposes_them()
    {
        await using var first = await FakeCuebot.StartAsync();
        await using var second = await FakeCuebot.StartAsync();
        first.Model.CreateJob("testing", "sh010", "jdoe", "handler", OneLayer);
        var made = new List<CountingHandler>();

        using (var api = TestNet.Client(o => o.HttpHandlerFactory = () => Track(made, new CountingHandler()), first.Address, second.Address))
        {
            await api.GetJobsAsync(new JobSearch { Shows = { "testing" } }, TestNet.HangGuard());
            await api.GetJobsAsync(new JobSearch { Shows = { "testing" } }, TestNet.HangGuard());

            made.Should().ContainSingle("one channel (the first host's) was used, twice");
            made[0].Requests.Should().Be(2);
            made[0].Disposed.Should().BeFalse();
        }

        made.Single().Disposed.Should().BeTrue();
    }

    [Fact]
    public async Task A_shared_handler_is_used_and_left_to_its_owner()
    {
        await using var fake = await FakeCuebot.StartAsync();
        using var shared = new CountingHandler();

        using (var api = TestNet.Client(o => o.HttpHandler = shared, fake.Address))
        {
            await api.GetJobsAsync(new JobSearch { Shows = { "testing" } }, TestNet.HangGuard());
        }

        shared.Requests.Should().Be(1);
        shared.Disposed.Should().BeFalse();
    }

    [Fact]
    public void A_shared_handler_and_a_factory_together_are_refused()
    {
        using var shared = new CountingHandler();
        var options = new CueClientOptions { HttpHandler = shared, HttpHandlerFactory = () => new CountingHandler(), Hosts = { "cuebot:8443" } };

        var act = () => options.Validate();

        act.Should().Throw<ArgumentException>().WithMessage("*HttpHandler*HttpHandlerFactory*not both*");
    }

    private static CountingHandler Track(List<CountingHandler> made, CountingHandler handler)
    {
        made.Add(handler);
        return handler;
    }

    /// <summary>An HTTP/2 handler (SocketsHttpHandler underneath) that counts requests and notes its disposal.</summary>
    private sealed class CountingHandler : DelegatingHandler
    {
        public CountingHandler()
            : base(new SocketsHttpHandler())
        {
        }

        public int Requests { get; private set; }

        public bool Disposed { get; private set; }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Requests++;
            return base.SendAsync(request, cancellationToken);
        }

        protected override void Dispose(bool disposing)
        {
            Disposed = true;
            base.Dispose(disposing);
        }
    }
}
