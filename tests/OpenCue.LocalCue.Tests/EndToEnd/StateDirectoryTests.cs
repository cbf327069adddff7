using System.Globalization;
using OpenCue.Authoring;
using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.EndToEnd;

/// <summary>
/// LocalCue's state directory (database with the jobs' environment and uid, frame logs) must be its own:
/// whoever else can write or replace it could plant jobs or swap log directories for links.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class StateDirectoryTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localcue-statedir-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task A_missing_state_directory_is_created_0700_and_the_database_and_its_wal_and_shm_are_0600()
    {
        string state = Path.Combine(_root, "state");
        await using (var cue = await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 2, MemoryMb = 4096 }))
        {
            Status(state).Should().Be((NativeMethods.GetEffectiveUserId(), 0x1C0));
            foreach (string file in new[] { "localcue.db", "localcue.db-wal", "localcue.db-shm" })
            {
                string path = Path.Combine(state, file);
                File.Exists(path).Should().BeTrue(path);
                Status(path).Permissions.Should().Be(0x180, file + " is 0600: it holds the jobs' environment");
            }
        }
    }

    [Fact]
    public async Task A_database_of_an_earlier_version_readable_by_all_is_made_0600()
    {
        string state = Directory.CreateDirectory(Path.Combine(_root, "state")).FullName;
        await (await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 2, MemoryMb = 4096 })).DisposeAsync();
        File.SetUnixFileMode(Path.Combine(state, "localcue.db"), (UnixFileMode)0x1A4);

        await (await LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 2, MemoryMb = 4096 })).DisposeAsync();

        Status(Path.Combine(state, "localcue.db")).Permissions.Should().Be(0x180);
    }

    [Fact]
    public async Task A_state_directory_owned_by_another_user_is_refused_naming_the_path_owner_mode_and_fix()
    {
        TestUsers.RequireRoot();
        await using var other = await TestUsers.CreateAsync();
        string state = Directory.CreateDirectory(Path.Combine(_root, "state")).FullName;
        File.SetUnixFileMode(state, (UnixFileMode)0x1C0);
        TestUsers.GiveTo(state, other.Uid);

        var start = () => LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 2, MemoryMb = 4096 });

        (await start.Should().ThrowAsync<IOException>()).Which.Message.Should()
            .Be("the state directory " + state + " is not safe: it is owned by uid " + Text(other.Uid) + " (mode 0700), not by LocalCue's uid 0; chown 0 " + state + " if its contents are trusted, or choose another state directory");
        Directory.GetFileSystemEntries(state).Should().BeEmpty("nothing is created in it");
    }

    [Theory]
    [InlineData(0x1F8, "0770")]
    [InlineData(0x1FF, "0777")]
    [InlineData(0x3FF, "01777")]
    public async Task A_state_directory_group_or_others_may_write_is_refused(int mode, string octal)
    {
        string state = Directory.CreateDirectory(Path.Combine(_root, "state")).FullName;
        File.SetUnixFileMode(state, (UnixFileMode)mode);

        var start = () => LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 2, MemoryMb = 4096 });

        (await start.Should().ThrowAsync<IOException>()).Which.Message.Should()
            .Be("the state directory " + state + " is not safe: group or others may write it (owner uid " + Text(NativeMethods.GetEffectiveUserId()) + ", mode " + octal + "); chmod go-w " + state + " (0700 is best) if its contents are trusted, or choose another state directory");
        File.Exists(Path.Combine(state, "localcue.db")).Should().BeFalse();
    }

    [Fact]
    public async Task A_state_directory_inside_a_folder_another_user_owns_is_refused_even_when_LocalCue_made_it()
    {
        TestUsers.RequireRoot();
        await using var other = await TestUsers.CreateAsync();
        string given = TestUsers.GiveTo(Directory.CreateDirectory(Path.Combine(_root, "given")).FullName, other.Uid);
        string state = Path.Combine(given, "state");

        var start = () => LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 2, MemoryMb = 4096 });

        (await start.Should().ThrowAsync<IOException>()).Which.Message.Should()
            .StartWith("the state directory " + state + " is not safe: it is inside " + given + ", owned by uid " + Text(other.Uid) + " (mode 0755), who could replace it");
        File.Exists(Path.Combine(state, "localcue.db")).Should().BeFalse();
    }

    [Fact]
    public async Task A_state_directory_inside_a_folder_others_may_write_is_refused_unless_that_folder_is_sticky_as_tmp()
    {
        string open = Directory.CreateDirectory(Path.Combine(_root, "open")).FullName;
        File.SetUnixFileMode(open, (UnixFileMode)0x1FF);
        string state = Path.Combine(open, "state");

        var start = () => LocalCuebot.StartAsync(new LocalCueOptions { StateDirectory = state, Cores = 2, MemoryMb = 4096 });

        (await start.Should().ThrowAsync<IOException>()).Which.Message.Should()
            .StartWith("the state directory " + state + " is not safe: it is inside " + open + " (owner uid " + Text(NativeMethods.GetEffectiveUserId()) + ", mode 0777), which group or others may write");

        File.SetUnixFileMode(open, (UnixFileMode)0x3FF);
        await (await start()).DisposeAsync();
        Status(state).Permissions.Should().Be(0x1C0);
    }

    [Fact]
    public async Task A_restored_job_whose_uid_the_frame_user_policy_now_refuses_never_runs_and_its_frames_fail_saying_why()
    {
        TestUsers.RequireRoot();
        string root = TestUsers.GiveTo(Directory.CreateDirectory(Path.Combine(_root, "work")).FullName);
        File.SetUnixFileMode(root, (UnixFileMode)0x1ED);
        string go = Path.Combine(root, "go");
        string ran = Path.Combine(root, "ran");
        string name;
        await using (var first = await LocalCueHarness.StartAsync(root: root))
        {
            var outline = first.NewOutline("restored_refused");
            outline.AddLayer(new Shell("wait", "while [ ! -e " + go + " ]; do sleep 0.05; done; touch " + ran).SetFrameRange("1"));
            var launched = await first.LaunchAsync(outline);
            name = launched.Name;
            await LocalCueHarness.WaitUntilAsync(launched, j => j.Stats.RunningFrames == 1);
        }

        // Restarted with a policy that no longer allows uid 1000: the restored frame is checked again when it is run.
        await using (var second = await LocalCueHarness.StartAsync(o => o.FrameUsers = new OpenCue.LocalCue.FrameUserOptions { MinUid = 2000 }, root))
        {
            File.WriteAllText(go, string.Empty);
            var job = await second.Api.FindJobAsync(name);
            job = await LocalCueHarness.WaitUntilAsync(job, j => j.Stats.DeadFrames == 1);

            job.Stats.SucceededFrames.Should().Be(0);
            File.Exists(ran).Should().BeFalse("the frame never ran under the new policy");
            string log = File.ReadAllText(Directory.GetFiles(job.LogDirectory, "*.rqlog").Single());
            log.Should().Contain("The job's uid " + Text(TestUsers.FrameUid) + " is outside the allowed range");
        }

        Directory.Delete(LocalCueHarness.StateFor(root), recursive: true);
    }

    private static (int Uid, int Permissions) Status(string path)
    {
        NativeMethods.LinkStatus(path, out FileStatus status).Should().Be(0, path);
        return (status.Uid, status.Permissions);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
