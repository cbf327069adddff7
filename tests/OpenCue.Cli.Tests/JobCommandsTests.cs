using System.Text.Json;
using OpenCue.Cli.Tests.Support;
using OpenCue.Client;
using static OpenCue.Cli.Tests.Support.LocalCueFixture;

namespace OpenCue.Cli.Tests;

/// <summary>launch, jobs, layers, frames, pause/resume, kill, retry, eat, satisfy and analyze against a real LocalCue.</summary>
[Collection("LocalCue")]
public sealed class JobCommandsTests
{
    private readonly LocalCueFixture _cue;

    public JobCommandsTests(LocalCueFixture cue) => _cue = cue;

    private string TwoLayers(string name) => _cue.Outline(name,
        Layer("prep", "echo prep #IFRAME#", "1-2"),
        Layer("render", "echo render #FRAMESPEC#", "1-4", require: "prep:all", chunk: 2));

    private string Failing(string name) => _cue.Outline(name,
        Layer("good", "true", "1-2"),
        Layer("bad", "false", "1-1"));

    [Fact]
    public async Task Launch_wait_prints_the_job_then_progress_lines_then_a_summary_and_the_tables_show_it()
    {
        var name = _cue.NewName("waited");
        var job = JobName(name);

        var result = _cue.Run("launch", TwoLayers(name), "--wait", "--poll-interval", "0.05", "--uid", "1000");

        result.ExitCode.Should().Be(0, result.Stderr);
        var lines = result.Stdout.TrimEnd('\n').Split('\n');
        lines[0].Should().Be(job);
        lines.Should().Contain("prep: 2/2 done, 0 running, 0 waiting, 0 dead").And.Contain("render: 2/2 done, 0 running, 0 waiting, 0 dead");
        lines[^1].Should().MatchRegex("^" + job + @": FINISHED, 4/4 frames succeeded in \d+:\d\d:\d\d\.$");
        result.Stdout.Should().NotContain("\u001b[", "stdout is not a terminal");

        var jobs = _cue.Run("jobs", "--all", name);
        jobs.ExitCode.Should().Be(0, jobs.Stderr);
        jobs.Stdout.Split('\n')[0].Should().MatchRegex(@"^Job +State +Done/Total +Running +Dead +Priority$");
        jobs.Stdout.Should().MatchRegex(job + @" +FINISHED +4/4 +0 +0 +1\n");
        _cue.Run("jobs", name).Stdout.Should().Be("No pending jobs match (--all includes finished jobs).\n");

        var json = JsonDocument.Parse(_cue.Run("jobs", "--all", "--json", name).Stdout).RootElement;
        json.GetArrayLength().Should().Be(1);
        json[0].GetProperty("name").GetString().Should().Be(job);
        json[0].GetProperty("state").GetString().Should().Be("FINISHED");
        json[0].GetProperty("paused").GetBoolean().Should().BeFalse();
        json[0].GetProperty("total_frames").GetInt32().Should().Be(4);
        json[0].GetProperty("succeeded_frames").GetInt32().Should().Be(4);
        json[0].GetProperty("dead_frames").GetInt32().Should().Be(0);
        json[0].GetProperty("log_dir").GetString().Should().NotBeEmpty();

        var layers = _cue.Run("layers", job);
        layers.ExitCode.Should().Be(0, layers.Stderr);
        layers.Stdout.Should().MatchRegex(@"^Layer +Range +Chunk +Min cores +Memory +Done/Total\nprep +1-2 +1 +1 +256M +2/2\nrender +1-4 +2 +1 +256M +2/2\n$");
        var layerJson = JsonDocument.Parse(_cue.Run("layers", job, "--json").Stdout).RootElement;
        layerJson[1].GetProperty("name").GetString().Should().Be("render");
        layerJson[1].GetProperty("range").GetString().Should().Be("1-4");
        layerJson[1].GetProperty("chunk").GetInt32().Should().Be(2);
        layerJson[1].GetProperty("min_memory_kb").GetInt64().Should().Be(262144);
        layerJson[1].GetProperty("succeeded_frames").GetInt32().Should().Be(2);

        var frames = _cue.Run("frames", job);
        frames.ExitCode.Should().Be(0, frames.Stderr);
        var frameLines = frames.Stdout.TrimEnd('\n').Split('\n');
        frameLines[0].Should().MatchRegex(@"^Frame +State +Retries +Exit +Runtime +Host$");
        frameLines.Skip(1).Select(l => l.Split(' ')[0]).Should().BeEquivalentTo("0001-prep", "0002-prep", "0001-render", "0003-render");
        frameLines.Skip(1).Should().OnlyContain(l => System.Text.RegularExpressions.Regex.IsMatch(l, @"^\S+ +SUCCEEDED +0 +0 +\d+:\d\d:\d\d +\S+$"));

        var renderFrames = JsonDocument.Parse(_cue.Run("frames", job, "--layer", "render", "--json").Stdout).RootElement;
        renderFrames.EnumerateArray().Select(f => f.GetProperty("name").GetString()).Should().Equal("0001-render", "0003-render");
        renderFrames[0].GetProperty("state").GetString().Should().Be("SUCCEEDED");
        renderFrames[0].GetProperty("exit_status").GetInt32().Should().Be(0);
        renderFrames[0].GetProperty("layer").GetString().Should().Be("render");
        _cue.Run("frames", job, "--state", "dead").Stdout.Should().Be("No frame of " + job + " matches (state DEAD).\n");
        _cue.Run("frames", job, "--range", "2-3", "--state", "succeeded,dead").Stdout.Should().Contain("0002-prep").And.Contain("0003-render").And.NotContain("0001-");

        var analysis = _cue.Run("analyze", job);
        analysis.ExitCode.Should().Be(0, analysis.Stderr);
        analysis.Stdout.Should().StartWith("Pipeline Analysis for: " + job + "\n").And.MatchRegex(@"\nrender +2 +[\d.]+ (s|min) +0 +100\.0%");
        var analysisJson = JsonDocument.Parse(_cue.Run("analyze", job, "--json").Stdout).RootElement;
        analysisJson.GetProperty("job").GetString().Should().Be(job);
        analysisJson.GetProperty("layers").EnumerateArray().Select(l => l.GetProperty("layer").GetString()).Should().Equal("prep", "render");
        analysisJson.GetProperty("layers")[1].GetProperty("total_frames").GetInt32().Should().Be(2);
        analysisJson.GetProperty("layers")[1].GetProperty("success_rate").GetDouble().Should().Be(100);

        (await _cue.JobAsync(job)).State.Should().Be(JobState.Finished);
    }

    [Fact]
    public void A_job_is_found_by_its_name_as_written_in_the_outline_and_by_id()
    {
        var name = _cue.NewName("find-me");
        var job = _cue.Launch(TwoLayers(name), "--pause");
        job.Should().Be(JobName(name));

        _cue.Run("layers", "testing-sh010-jdoe_" + name).Stdout.Should().Contain("render", "the suffix is conformed as Cuebot does ('-' becomes '_')");
        var id = JsonDocument.Parse(_cue.Run("jobs", job, "--json").Stdout).RootElement[0].GetProperty("id").GetString()!;
        _cue.Run("layers", id).Stdout.Should().Contain("prep");
        _cue.Run("layers", "testing-sh010-jdoe_nothing_here").ShouldFailWithUsage("no job named 'testing-sh010-jdoe_nothing_here' on " + _cue.Address + ", pending or finished");
        _cue.Run("layers", Guid.NewGuid().ToString()).ShouldFailWithUsage("no job has id");
        _cue.Run("kill", job, "--reason", "test over").ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Pause_and_resume()
    {
        var name = _cue.NewName("paused");
        var result = _cue.Run("launch", TwoLayers(name), "--pause", "--uid", "1000");
        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().Be(JobName(name) + "\n", "without --wait, launch prints the job names only");
        var job = JobName(name);

        _cue.Run("jobs", job).Stdout.Should().MatchRegex(job + @" +PAUSED +0/4 +0 +0 +1\n");
        JsonDocument.Parse(_cue.Run("jobs", job, "--json").Stdout).RootElement[0].GetProperty("paused").GetBoolean().Should().BeTrue();

        _cue.Run("resume", job).Stdout.Should().Be("Resumed " + job + ".\n");
        await _cue.WaitFinishedAsync(job);

        var pause = JsonDocument.Parse(_cue.Run("pause", job, "--json").Stdout).RootElement;
        pause.GetProperty("job").GetString().Should().Be(job);
        pause.GetProperty("action").GetString().Should().Be("pause");
        (await _cue.JobAsync(job)).IsPaused.Should().BeTrue();
    }

    [Fact]
    public async Task Kill_requires_a_reason()
    {
        var job = _cue.Launch(TwoLayers(_cue.NewName("killed")), "--pause");

        _cue.Run("kill", job).ShouldFailWithUsage("cuerun kill: --reason is required: Cuebot ignores a kill without a reason", "--reason 'wrong frame range'");
        _cue.Run("kill", job, "--reason", " ").ShouldFailWithUsage("--reason is empty");
        (await _cue.JobAsync(job)).State.Should().Be(JobState.Pending);

        var killed = _cue.Run("kill", job, "--reason", "wrong camera");
        killed.ExitCode.Should().Be(0, killed.Stderr);
        killed.Stdout.Should().Be("Killed " + job + " (reason: wrong camera).\n");
        await _cue.WaitFinishedAsync(job);
    }

    [Fact]
    public async Task Retry_needs_a_filter_or_all_and_eat_marks_dead_frames_done()
    {
        var name = _cue.NewName("failing");
        var job = JobName(name);
        var launched = _cue.Run("launch", Failing(name), "--wait", "--fail-on-dead", "--max-retries", "0", "--poll-interval", "0.05", "--uid", "1000");
        launched.ExitCode.Should().Be(1, launched.Stderr);
        launched.Stdout.Should().StartWith(job + "\n").And.Contain(job + ": frame 0001-bad of layer bad died (exit 1); stopping (--fail-on-dead).");
        launched.Stderr.Should().Contain("Dead or eaten frames of " + job + ":\n  0001-bad (DEAD, exit 1)  log: ").And.Contain(job + ".0001-bad.rqlog")
            .And.Contain("cuerun retry " + job + " --state dead --server " + _cue.Address);

        _cue.Run("retry", job).ShouldFailWithUsage("retry needs a filter: --layer L, --state S (e.g. --state dead) or --range R", "give --all to mean that");
        _cue.Run("eat", job).ShouldFailWithUsage("eat needs a filter");
        _cue.Run("retry", job, "--all", "--state", "dead").ShouldFailWithUsage("--all means every frame of the job");
        _cue.Run("retry", job, "--layer", "ghost").ShouldFailWithUsage("job " + job + " has no layer 'ghost'; its layers: good, bad.");
        _cue.Run("retry", job, "--state", "zombie").ShouldFailWithUsage("--state: 'zombie' is not a frame state; accepted: waiting, depend, running, succeeded, dead, eaten, checkpoint.");
        _cue.Run("retry", job, "--range", "x").ShouldFailWithUsage("--range: invalid frame range 'x'");

        var retried = _cue.Run("retry", job, "--state", "dead");
        retried.ExitCode.Should().Be(0, retried.Stderr);
        retried.Stdout.Should().Be("Retrying 1 frame of " + job + " (state DEAD).\n");
        await _cue.WaitForFramesAsync(job, frames => frames.Single(f => f.LayerName == "bad") is { State: FrameState.Dead, RetryCount: >= 1 });

        var eaten = JsonDocument.Parse(_cue.Run("eat", job, "--layer", "bad", "--state", "dead", "--json").Stdout).RootElement;
        eaten.GetProperty("action").GetString().Should().Be("eat");
        eaten.GetProperty("frames").GetInt32().Should().Be(1);
        eaten.GetProperty("filter").GetString().Should().Be("layer bad, state DEAD");
        await _cue.WaitFinishedAsync(job);
        (await _cue.FramesAsync(job)).Single(f => f.LayerName == "bad").State.Should().Be(FrameState.Eaten);
        _cue.Run("eat", job, "--state", "dead").Stdout.Should().Be("No frame of " + job + " matches (state DEAD); nothing to eat.\n");

        var all = _cue.Run("retry", job, "--all");
        all.ExitCode.Should().Be(0, all.Stderr);
        all.Stdout.Should().Be("Retrying 3 frames of " + job + " (every frame).\n");
        _cue.Run("kill", job, "--reason", "test over").ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Satisfy_releases_the_frames_a_layer_waits_on()
    {
        var job = _cue.Launch(TwoLayers(_cue.NewName("held")), "--pause");
        (await _cue.FramesAsync(job)).Where(f => f.LayerName == "render").Should().OnlyContain(f => f.State == FrameState.Depend);

        _cue.Run("satisfy", job, "--layer", "prep").Stdout.Should().Be("No active depend: " + job + " layer prep waits on nothing.\n");
        _cue.Run("satisfy", job, "--layer", "nope").ShouldFailWithUsage("has no layer 'nope'");
        var satisfied = _cue.Run("satisfy", job, "--layer", "render");
        satisfied.ExitCode.Should().Be(0, satisfied.Stderr);
        satisfied.Stdout.Should().Be("Satisfied LayerOnLayer: render waited on prep.\n");

        (await _cue.FramesAsync(job)).Where(f => f.LayerName == "render").Should().OnlyContain(f => f.State == FrameState.Waiting);
        var again = JsonDocument.Parse(_cue.Run("satisfy", job, "--json").Stdout).RootElement;
        again.GetProperty("action").GetString().Should().Be("satisfy");
        again.GetProperty("layer").ValueKind.Should().Be(JsonValueKind.Null);
        again.GetProperty("satisfied").GetArrayLength().Should().Be(0);
        _cue.Run("kill", job, "--reason", "test over").ExitCode.Should().Be(0);
    }

    [Fact]
    public void Satisfy_of_a_job_satisfies_every_active_depend()
    {
        var job = _cue.Launch(TwoLayers(_cue.NewName("held-job")), "--pause");

        var satisfied = JsonDocument.Parse(_cue.Run("satisfy", job, "--json").Stdout).RootElement.GetProperty("satisfied");

        satisfied.GetArrayLength().Should().Be(1);
        satisfied[0].GetProperty("type").GetString().Should().Be("LayerOnLayer");
        satisfied[0].GetProperty("depend_er_layer").GetString().Should().Be("render");
        satisfied[0].GetProperty("depend_on_layer").GetString().Should().Be("prep");
        _cue.Run("kill", job, "--reason", "test over").ExitCode.Should().Be(0);
    }

    [Fact]
    public async Task Launch_test_of_a_failing_job_exits_1_lists_the_dead_frames_and_kills_the_job()
    {
        var name = _cue.NewName("tested");
        var job = JobName(name);

        var result = _cue.Run("launch", Failing(name), "--test", "--max-retries", "0", "--poll-interval", "0.05", "--uid", "1000");

        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stdout.Should().StartWith(job + "\n");
        result.Stderr.Should().Contain("cuerun launch: test of job " + job + " failed: 1 frame dead or eaten:\n  0001-bad (DEAD, exit 1)  log: ")
            .And.Contain(job + ".0001-bad.rqlog");
        await _cue.WaitFinishedAsync(job);
    }

    [Fact]
    public async Task Launch_test_of_a_good_job_passes()
    {
        var name = _cue.NewName("passing");

        var result = _cue.Run("launch", TwoLayers(name), "--test", "--pause", "--poll-interval", "0.05", "--uid", "1000");

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().MatchRegex(JobName(name) + @": FINISHED, 4/4 frames succeeded in \d+:\d\d:\d\d; test passed\.\n$");
        (await _cue.JobAsync(JobName(name))).Stats.SucceededFrames.Should().Be(4);
    }

    [Fact]
    public void Launch_applies_the_launcher_flags()
    {
        var name = _cue.NewName("flagged");
        var job = _cue.Launch(TwoLayers(name), "--pause", "--priority", "42", "--base-name", name + "-renamed", "--range", "1-2", "--env", "A=1", "--env", "B=x=y");

        job.Should().Be(JobName(name + "-renamed"));
        var json = JsonDocument.Parse(_cue.Run("jobs", job, "--json").Stdout).RootElement[0];
        json.GetProperty("priority").GetInt32().Should().Be(42);
        json.GetProperty("total_frames").GetInt32().Should().Be(3, "--range 1-2 leaves 2 prep frames and 1 render chunk");
        _cue.Run("kill", job, "--reason", "test over").ExitCode.Should().Be(0);
    }

    [Fact]
    public void Progress_on_a_terminal_is_redrawn_in_place_with_bars()
    {
        var name = _cue.NewName("terminal");

        var result = CliRun.RunOnTerminal("launch", TwoLayers(name), "--wait", "--poll-interval", "0.05", "--uid", "1000", "--server", _cue.Address);

        result.ExitCode.Should().Be(0, result.Stderr);
        result.Stdout.Should().StartWith(JobName(name) + "\n\u001b[2K" + JobName(name) + "  ");
        result.Stdout.Should().Contain("\u001b[2K  render  ").And.Contain("████████████████████████  2/2");
        result.Stdout.Should().MatchRegex("\n" + JobName(name) + @": FINISHED, 4/4 frames succeeded in \d+:\d\d:\d\d\.\n$");
    }

    [Fact]
    public async Task A_job_that_was_killed_while_waiting_exits_1()
    {
        var name = _cue.NewName("interrupted");
        var job = JobName(name);
        var file = _cue.Outline(name, Layer("slow", "sleep 30", "1-1"));
        var waiting = Task.Run(() => _cue.Run("launch", file, "--wait", "--poll-interval", "0.05", "--uid", "1000"));
        await _cue.WaitUntilAsync(job, j => j.Stats.RunningFrames == 1);

        _cue.Run("kill", job, "--reason", "changed my mind").ExitCode.Should().Be(0);

        var result = await waiting;
        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stdout.Should().MatchRegex("\n" + job + @": FINISHED, 0/1 frames succeeded in \d+:\d\d:\d\d\.\n$");
        result.Stderr.Should().Contain("cuerun launch: job " + job + " ended with 1 frame that did not succeed");
    }

    [Fact]
    public async Task Wait_keeps_waiting_on_a_dead_frame_and_says_how_to_act_on_it()
    {
        var name = _cue.NewName("dead-wait");
        var job = JobName(name);
        var file = Failing(name);
        var waiting = Task.Run(() => _cue.Run("launch", file, "--wait", "--max-retries", "0", "--poll-interval", "0.05", "--uid", "1000"));
        await _cue.WaitUntilAsync(job, j => j.Stats.DeadFrames == 1 && j.Stats.SucceededFrames == 2);
        await Task.Delay(200);
        waiting.IsCompleted.Should().BeFalse("a dead frame keeps the job pending, and --wait waits as PyOutline does");

        _cue.Run("eat", job, "--state", "dead").ExitCode.Should().Be(0);

        var result = await waiting;
        result.ExitCode.Should().Be(1, result.Stderr);
        result.Stdout.Should().Contain(job + ": 1 dead frame in layer bad. A dead frame keeps the job pending, so waiting goes on until it is retried or eaten: " +
            "cuerun retry " + job + " --state dead --server " + _cue.Address + " (or eat)");
        result.Stdout.Should().MatchRegex("\n" + job + @": FINISHED, 2/3 frames succeeded, 1 eaten in \d+:\d\d:\d\d\.\n$");
        result.Stderr.Should().Contain("ended with 1 frame that did not succeed").And.Contain("  0001-bad (EATEN, exit 1)  log: ");
    }

    [Fact]
    public async Task Cancelling_a_wait_exits_130_and_leaves_the_job_running()
    {
        var name = _cue.NewName("cancelled");
        var job = JobName(name);
        var file = _cue.Outline(name, Layer("slow", "sleep 30", "1-1"));
        using var stop = new CancellationTokenSource();
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var waiting = Task.Run(() => CliApp.Run(new[] { "launch", file, "--wait", "--poll-interval", "0.05", "--uid", "1000", "--server", _cue.Address },
            stdout, stderr, _ => null, isTerminal: false, stop.Token));
        await _cue.WaitUntilAsync(job, j => j.Stats.RunningFrames == 1);

        await stop.CancelAsync();

        (await waiting).Should().Be(130, stderr.ToString());
        stderr.ToString().Should().Contain("cuerun launch: interrupted; stopped waiting. The job goes on on the Cuebot");
        (await _cue.JobAsync(job)).State.Should().Be(JobState.Pending);
        _cue.Run("kill", job, "--reason", "test over").ExitCode.Should().Be(0);
    }

    [Fact]
    public void An_outline_with_errors_is_not_launched()
    {
        var file = _cue.Outline("broken", "{\"name\": \"render\", \"module\": \"outline.modules.shell.Shell\", \"require\": \"ghost\"}");

        _cue.Run("launch", file, "--uid", "1000").ShouldFailWithUsage("error [", "cuerun launch: outline 'broken' has 2 errors; nothing was launched.");
    }
}
