using OpenCue.LocalCue.Running;

namespace OpenCue.LocalCue.Tests.Running;

public sealed class FrameLogTests : IDisposable
{
    private readonly RunnerTestContext _context = new RunnerTestContext();

    public void Dispose() => _context.Dispose();

    [Fact]
    public void The_file_name_is_job_dot_frame_dot_rqlog()
    {
        FrameLog.FileName("show-shot-user_job", "0001-render").Should().Be("show-shot-user_job.0001-render.rqlog");
    }

    [Fact]
    public void Rotation_takes_the_first_free_number()
    {
        Directory.CreateDirectory(_context.LogDirectory);
        string path = Path.Combine(_context.LogDirectory, "a.rqlog");
        File.WriteAllText(path, "current");
        File.WriteAllText(path + ".1", "one");
        File.WriteAllText(path + ".3", "three");

        FrameLog.Rotate(path).Should().Be(path + ".2");

        File.Exists(path).Should().BeFalse();
        File.ReadAllText(path + ".2").Should().Be("current");
        File.ReadAllText(path + ".3").Should().Be("three");
    }

    [Fact]
    public void When_all_numbers_are_taken_the_log_replaces_the_15th()
    {
        Directory.CreateDirectory(_context.LogDirectory);
        string path = Path.Combine(_context.LogDirectory, "a.rqlog");
        for (int i = 1; i <= 15; i++)
        {
            File.WriteAllText(path + "." + i, "old " + i);
        }

        File.WriteAllText(path, "current");

        FrameLog.Rotate(path).Should().Be(path + ".15");

        File.ReadAllText(path + ".15").Should().Be("current");
        File.ReadAllText(path + ".14").Should().Be("old 14");
        File.Exists(path + ".16").Should().BeFalse();
    }

    [Fact]
    public void Rotate_without_a_log_does_nothing()
    {
        FrameLog.Rotate(Path.Combine(_context.Root, "none.rqlog")).Should().BeNull();
    }

    [Fact]
    public void Open_creates_the_directory_and_writes_through()
    {
        using (var log = FrameLog.Open(_context.LogDirectory, "b.rqlog"))
        {
            log.Write("line\n");
            File.ReadAllText(log.FilePath).Should().Be("line\n");
        }

        Directory.Exists(_context.LogDirectory).Should().BeTrue();
    }

    [Fact]
    public void Writes_after_close_are_dropped()
    {
        var log = FrameLog.Open(_context.LogDirectory, "c.rqlog");
        log.Write("kept\n");
        log.Dispose();

        log.Write("dropped\n");

        File.ReadAllText(Path.Combine(_context.LogDirectory, "c.rqlog")).Should().Be("kept\n");
    }

    [Theory]
    [InlineData(2024, 1, 5, 3, 4, 5, "Fri Jan  5 03:04:05 2024")]
    [InlineData(2023, 11, 23, 23, 59, 1, "Thu Nov 23 23:59:01 2023")]
    public void Times_are_written_like_ctime(int year, int month, int day, int hour, int minute, int second, string expected)
    {
        var time = new DateTimeOffset(year, month, day, hour, minute, second, TimeSpan.Zero);

        FrameLog.CTime(time, TimeZoneInfo.Utc).Should().Be(expected);
    }

    [Fact]
    public void The_header_matches_RQDs_layout()
    {
        string header = FrameLog.FormatHeader(new LogHeader
        {
            StartTime = new DateTimeOffset(2024, 1, 5, 3, 4, 5, TimeSpan.Zero),
            TimeZone = TimeZoneInfo.Utc,
            Command = "echo 1",
            Uid = 1000,
            Gid = 100,
            LogPath = "/logs/j.0001-r.rqlog",
            WorkingDirectory = "/tmp",
            HostName = "host1",
            JobId = "jid",
            FrameId = "fid",
            Environment = new Dictionary<string, string> { ["b"] = "2", ["PATH"] = "/bin", ["A"] = "1" },
        });

        string rule = new string('=', 59);
        header.Should().Be(
            rule + "\n" +
            "RenderQ JobSpec      Fri Jan  5 03:04:05 2024 \n" +
            "\n" +
            "proxy                rqd.rqnetwork.RunningFrame/fid -t:tcp -h host1 -p 10021\n" +
            "command              echo 1\n" +
            "uid                  1000\n" +
            "gid                  100\n" +
            "logDestination       /logs/j.0001-r.rqlog\n" +
            "cwd                  /tmp\n" +
            "renderHost           host1\n" +
            "jobId                jid\n" +
            "frameId              fid\n" +
            "env                  A=1\n" +
            "env                  PATH=/bin\n" +
            "env                  b=2\n" +
            rule + "\n");
    }

    [Fact]
    public void The_footer_matches_RQDs_layout()
    {
        var footer = new LogFooter
        {
            ExitStatus = 1,
            ExitSignal = 9,
            KillMessage = "Frame timed out",
            StartTime = new DateTimeOffset(2024, 1, 5, 3, 4, 5, TimeSpan.Zero),
            EndTime = new DateTimeOffset(2024, 1, 5, 3, 14, 5, TimeSpan.Zero),
            TimeZone = TimeZoneInfo.Utc,
            MaxRssKb = 12345,
            HostName = "host1",
        };

        string rule = new string('=', 59);
        FrameLog.FormatFooter(footer).Should().Be(
            "\n" +
            rule + "\n" +
            "RenderQ Job Complete\n" +
            "\n" +
            "exitStatus          1\n" +
            "exitSignal          9\n" +
            "killMessage         Frame timed out\n" +
            "startTime           Fri Jan  5 03:04:05 2024\n" +
            "endTime             Fri Jan  5 03:14:05 2024\n" +
            "maxrss              12345\n" +
            "maxUsedGpuMemory    0\n" +
            "utime               0\n" +
            "stime               0\n" +
            "renderhost          host1\n" +
            "maxrss (KB)         12345\n" +
            rule + "\n");
    }
}
