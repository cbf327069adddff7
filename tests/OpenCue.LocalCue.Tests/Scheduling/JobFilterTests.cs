using Grpc.Core;
using Grpc.Net.Client;
using OpenCue.Authoring;
using OpenCue.LocalCue.Scheduling;
using OpenCue.LocalCue.Tests.Support;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Scheduling;

/// <summary>Job searches are matched outside the scheduler's lock, in linear time, with capped patterns.</summary>
public sealed class JobFilterTests
{
    private static PbJob.JobSearchCriteria Regexes(params string[] patterns)
    {
        var criteria = new PbJob.JobSearchCriteria();
        criteria.Regex.AddRange(patterns);
        return criteria;
    }

    [Fact]
    public void Too_many_or_too_long_patterns_and_backreferences_are_refused_naming_them()
    {
        var many = () => new JobFilter(Regexes(Enumerable.Range(0, 101).Select(i => "a" + i).ToArray()));
        many.Should().Throw<ArgumentException>().WithMessage("The job search gives 101 regex patterns; LocalCue takes at most 100.");

        var substr = new PbJob.JobSearchCriteria();
        substr.Substr.Add(new string('s', 1001));
        var longOne = () => new JobFilter(substr);
        longOne.Should().Throw<ArgumentException>().WithMessage("The job search substr pattern '" + new string('s', 40) + "...' is 1001 characters long; LocalCue takes at most 1000.");

        var backreference = () => new JobFilter(Regexes(@"(a)\1"));
        backreference.Should().Throw<ArgumentException>().WithMessage(@"The job search regex '(a)\1' uses a construct LocalCue does not run*");
        var lookahead = () => new JobFilter(Regexes("a(?=b)"));
        lookahead.Should().Throw<ArgumentException>().WithMessage("The job search regex 'a(?=b)' uses a construct*");
        new JobFilter(Regexes(new string('x', 1000))).Should().NotBeNull();
    }

    [Fact]
    public void A_pathological_pattern_matches_in_linear_time_and_semantics_are_kept()
    {
        var row = (string name) => new JobRow("id", name, "u", "sh", "show");
        var filter = new JobFilter(Regexes(@"(.*)*\d$"));
        filter.Matches(row(new string('a', 100_000) + "x")).Should().BeFalse();
        filter.Matches(row("job1")).Should().BeTrue();

        var criteria = new PbJob.JobSearchCriteria();
        criteria.Ids.Add("id");
        criteria.Substr.Add("ob");
        criteria.Users.Add("u");
        new JobFilter(criteria).Matches(row("job")).Should().BeTrue();
        criteria.Shows.Add("other");
        new JobFilter(criteria).Matches(row("job")).Should().BeFalse();
    }

    [Fact]
    public async Task A_refused_search_is_invalid_argument_over_grpc_and_a_heavy_search_leaves_the_scheduler_free()
    {
        await using var h = await LocalCueHarness.StartAsync();
        using var channel = GrpcChannel.ForAddress("http://" + h.Cue.Address);
        var jobs = new PbJob.JobInterface.JobInterfaceClient(channel);

        var act = async () => await jobs.GetJobsAsync(new PbJob.JobGetJobsRequest { R = Regexes(@"(a)\1") }, deadline: DateTime.UtcNow.AddSeconds(60));
        (await act.Should().ThrowAsync<RpcException>()).Which.StatusCode.Should().Be(StatusCode.InvalidArgument);

        // 100 pathological patterns of 1,000 characters from 20 callers at once; a launch and a GetJob still complete.
        var heavy = Regexes(Enumerable.Range(0, 100).Select(i => "(.*)*" + new string('a', 990) + i + "$").ToArray());
        var searches = Enumerable.Range(0, 20).Select(_ => jobs.GetJobsAsync(new PbJob.JobGetJobsRequest { R = heavy }, deadline: DateTime.UtcNow.AddSeconds(120)).ResponseAsync).ToList();
        var outline = h.NewOutline("free");
        outline.AddLayer(new Shell("render", "true").SetFrameRange("1"));
        var job = await h.LaunchAsync(outline, o => o.Pause = true);
        (await jobs.GetJobAsync(new PbJob.JobGetJobRequest { Id = job.Id }, deadline: DateTime.UtcNow.AddSeconds(60))).Job.Name.Should().Be(job.Name);
        await Task.WhenAll(searches);
    }
}
