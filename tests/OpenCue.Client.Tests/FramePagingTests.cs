using OpenCue.Client;
using OpenCue.Client.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.Client.Tests;

public class FramePagingTests
{
    private static async Task<(FakeCuebot Fake, CueApi Api, CueJob Job)> BigJobAsync(int pageSize = 500)
    {
        var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "big", new[] { ("render", "1-2345", 1) });
        var api = TestNet.Client(o => o.FramePageSize = pageSize, fake.Address);
        var job = await api.GetJobAsync(seeded.Id, TestNet.HangGuard());
        fake.ClearCalls();
        return (fake, api, job);
    }

    [Fact]
    public async Task All_frames_of_a_large_job_are_listed_in_order_page_by_page()
    {
        var (fake, api, job) = await BigJobAsync();
        await using var _ = fake;
        using var __ = api;

        var frames = await ListAsync(job.GetFramesAsync(null, TestNet.HangGuard()));

        frames.Select(f => f.Number).Should().Equal(Enumerable.Range(1, 2345));
        frames.Select(f => f.Name).Should().OnlyHaveUniqueItems();
        var requests = fake.Requests<PbJob.JobGetFramesRequest>(Rpc.JobGetFrames);
        requests.Select(r => r.Req.Page).Should().Equal(1, 2, 3, 4, 5);
        requests.Should().OnlyContain(r => r.Req.Limit == 500 && r.Job.Id == job.Id);
        fake.CallNames.Should().OnlyContain(c => c == Rpc.JobGetFrames);
    }

    [Fact]
    public async Task Max_results_stops_the_listing_early()
    {
        var (fake, api, job) = await BigJobAsync();
        await using var _ = fake;
        using var __ = api;

        var frames = await ListAsync(job.GetFramesAsync(new FrameSearch { MaxResults = 700 }, TestNet.HangGuard()));

        frames.Select(f => f.Number).Should().Equal(Enumerable.Range(1, 700));
        fake.Requests<PbJob.JobGetFramesRequest>(Rpc.JobGetFrames).Select(r => r.Req.Page).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Max_results_of_zero_lists_nothing()
    {
        var (fake, api, job) = await BigJobAsync();
        await using var _ = fake;
        using var __ = api;

        var frames = await ListAsync(job.GetFramesAsync(new FrameSearch { MaxResults = 0 }, TestNet.HangGuard()));

        frames.Should().BeEmpty();
        fake.Calls.Should().BeEmpty();
    }

    [Fact]
    public async Task A_listing_ending_on_a_page_boundary_stops_at_the_first_empty_page()
    {
        var (fake, api, job) = await BigJobAsync(pageSize: 2345);
        await using var _ = fake;
        using var __ = api;

        var frames = await ListAsync(job.GetFramesAsync(null, TestNet.HangGuard()));

        frames.Should().HaveCount(2345);
        fake.Requests<PbJob.JobGetFramesRequest>(Rpc.JobGetFrames).Select(r => r.Req.Page).Should().Equal(1, 2);
    }

    [Fact]
    public async Task Layer_state_and_range_filters_reach_the_server_criteria()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "filters", new[] { ("render", "1-20", 1), ("comp", "1-20", 1) });
        fake.SetFrames(seeded.Name, f => f.Layer.Name == "comp" && f.Number % 2 == 0, PbJob.FrameState.Dead, 1);
        using var api = TestNet.Client(fake.Address);
        var job = await api.GetJobAsync(seeded.Id, TestNet.HangGuard());
        var search = FrameSearch.OfLayers("comp");
        search.States.Add(FrameState.Dead);
        search.Range = "1-10";

        var frames = await ListAsync(job.GetFramesAsync(search, TestNet.HangGuard()));

        frames.Select(f => f.Name).Should().Equal("0002-comp", "0004-comp", "0006-comp", "0008-comp", "0010-comp");
        frames.Should().OnlyContain(f => f.State == FrameState.Dead && f.ExitStatus == 1 && f.LayerName == "comp");
        var criteria = fake.Requests<PbJob.JobGetFramesRequest>(Rpc.JobGetFrames).Single().Req;
        criteria.Layers.Should().Equal("comp");
        criteria.States.FrameStates.Should().Equal(PbJob.FrameState.Dead);
        criteria.FrameRange.Should().Be("1-10");
        criteria.Page.Should().Be(1);
        criteria.Limit.Should().Be(500);
    }

    [Fact]
    public async Task Frames_of_several_layers_come_in_cuebots_dispatch_order()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "order", new[] { ("render", "1-3", 1), ("comp", "1-3", 1) });
        using var api = TestNet.Client(fake.Address);

        var frames = await ListAsync(api.GetFramesAsync(seeded.Name, null, TestNet.HangGuard()));

        frames.Select(f => f.Name).Should().Equal("0001-render", "0001-comp", "0002-render", "0002-comp", "0003-render", "0003-comp");
        fake.Requests<PbJob.FrameGetFramesRequest>(Rpc.FrameGetFrames).Single().Job.Should().Be(seeded.Name);
    }

    [Fact]
    public async Task Layer_frames_are_paged_too()
    {
        await using var fake = await FakeCuebot.StartAsync();
        var seeded = fake.Model.CreateJob("testing", "sh010", "jdoe", "layered", new[] { ("render", "1-25", 1), ("comp", "1-25", 5) });
        using var api = TestNet.Client(o => o.FramePageSize = 10, fake.Address);
        var job = await api.GetJobAsync(seeded.Id, TestNet.HangGuard());
        var render = (await job.GetLayersAsync(TestNet.HangGuard())).Single(l => l.Name == "render");

        var frames = await ListAsync(render.GetFramesAsync(null, TestNet.HangGuard()));

        frames.Select(f => f.Number).Should().Equal(Enumerable.Range(1, 25));
        fake.Requests<PbJob.LayerGetFramesRequest>(Rpc.LayerGetFrames).Select(r => (r.Layer.Id, r.S.Page, r.S.Limit))
            .Should().Equal((render.Id, 1, 10), (render.Id, 2, 10), (render.Id, 3, 10));
    }

    private static async Task<List<CueFrame>> ListAsync(IAsyncEnumerable<CueFrame> frames)
    {
        var list = new List<CueFrame>();
        await foreach (var frame in frames)
        {
            list.Add(frame);
        }

        return list;
    }
}
