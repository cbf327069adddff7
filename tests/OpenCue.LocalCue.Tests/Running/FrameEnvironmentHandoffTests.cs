using System.Diagnostics;
using System.Globalization;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.Running;

/// <summary>
/// Under root, nothing of a job's environment reaches a process that still runs as root (setpriv,
/// before it switches), and a frame does not start in a directory other users can write to: real
/// processes, real users.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FrameEnvironmentHandoffTests : IDisposable
{
    private readonly RunnerTestContext _context = new RunnerTestContext();

    public void Dispose() => _context.Dispose();

    [Fact]
    public async Task The_process_setpriv_runs_as_gets_no_job_variable_and_the_frame_gets_them_all_after_the_switch()
    {
        TestUsers.RequireRoot();
        var env = new List<KeyValuePair<string, string>>
        {
            new("LD_PRELOAD", "/nonexistent/evil.so"),
            new("LD_LIBRARY_PATH", "/nonexistent/lib"),
            new("QUOTED", "it's \"odd\" $HOME `id` \\ ; x\ny"),
            new("EMPTY", string.Empty),
        };

        // /proc/$$/environ is what the shell was exec'd with: what setpriv received and passed on unchanged.
        FrameRunResult result = await _context.RunAsync(_context.Request(
            "tr '\\0' '\\n' < /proc/$$/environ | sed 's/^/EXEC /'; env -u LD_PRELOAD | sed 's/^/FRAME /'; printf 'QUOTED=[%s]\\n' \"$QUOTED\"",
            env: env));

        string log = RunnerTestContext.ReadLog(result);
        result.ExitStatus.Should().Be(0, log);
        var lines = RunnerTestContext.OutputLines(result);
        lines.Where(l => l.StartsWith("EXEC ", StringComparison.Ordinal)).Should().Equal(new[] { "EXEC PATH=" + FrameEnvironment.RqdPath },
            "setpriv and the shell start with a fixed PATH only; LD_PRELOAD and the rest never reach a root process");
        lines.Should().Contain("FRAME LD_LIBRARY_PATH=/nonexistent/lib").And.Contain("FRAME EMPTY=").And.Contain("FRAME CUE_FRAME=0001-render");
        log.Should().Contain("QUOTED=[it's \"odd\" $HOME `id` \\ ; x\ny]", "values reach the frame exactly, however they are quoted");
        log.Should().Contain("\nenv                  LD_PRELOAD=/nonexistent/evil.so\n", "the header still lists the frame's environment");
    }

    [Fact]
    public async Task An_LD_PRELOAD_library_in_the_jobs_environment_never_runs_as_root()
    {
        TestUsers.RequireRoot();
        string gcc = new[] { "/usr/bin/gcc", "/usr/bin/cc" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("This test compiles a small LD_PRELOAD library and needs gcc (/usr/bin/gcc); it is missing.");
        string source = Path.Combine(_context.Root, "evil.c");
        string library = Path.Combine(_context.Root, "evil.so");
        string witness = Path.Combine(_context.Root, "witness");
        Directory.CreateDirectory(witness);
        TestUsers.GiveTo(witness);
        File.WriteAllText(source,
            "#include <stdio.h>\n#include <unistd.h>\n" +
            "__attribute__((constructor)) static void evil(void) {\n" +
            "  char p[4096]; snprintf(p, sizeof p, \"" + witness + "/uid-%d-pid-%d\", (int)geteuid(), (int)getpid());\n" +
            "  FILE* f = fopen(p, \"w\"); if (f) fclose(f);\n}\n");
        (await TestUsers.RunAsync(gcc, "-shared", "-fPIC", "-o", library, source)).Code.Should().Be(0);
        File.SetUnixFileMode(library, (UnixFileMode)0x1ED); // 0755

        FrameRunResult result = await _context.RunAsync(_context.Request(
            "/bin/true", env: new List<KeyValuePair<string, string>> { new("LD_PRELOAD", library) }));

        result.ExitStatus.Should().Be(0, RunnerTestContext.ReadLog(result));
        var ran = Directory.GetFiles(witness).Select(Path.GetFileName).ToList();
        ran.Should().NotBeEmpty("the library is loaded into the frame's own processes, as the job asked");
        ran.Should().OnlyContain(name => name!.StartsWith("uid-" + TestUsers.FrameUid.ToString(CultureInfo.InvariantCulture) + "-", StringComparison.Ordinal),
            "every process that loaded it ran as the job's uid, none as root (uid-0)");
    }

    [Fact]
    public async Task A_frame_starts_in_its_private_directory_and_an_empty_PATH_entry_adds_no_working_directory()
    {
        TestUsers.RequireRoot();

        // A program planted in the shared temp directory under a name the command uses.
        string planted = Path.Combine(_context.TempDirectory, "render-tool");
        File.WriteAllText(planted, "#!/bin/sh\necho PLANTED\n");
        File.SetUnixFileMode(planted, (UnixFileMode)0x1FF);

        FrameRunResult result = await _context.RunAsync(_context.Request(
            "pwd; stat -c '%u %a' .; echo \"PATH=$PATH\"; render-tool || echo 'not found'",
            env: new List<KeyValuePair<string, string>> { new("PATH", "::") }));

        string log = RunnerTestContext.ReadLog(result);
        var lines = RunnerTestContext.OutputLines(result);
        lines[0].Should().StartWith(_context.Runner().FrameDirectoryBase + "/", "the working directory is the frame's private directory");
        lines[1].Should().Be(TestUsers.FrameUid.ToString(CultureInfo.InvariantCulture) + " 700");
        lines[2].Should().Be("PATH=" + FrameEnvironment.RqdPath, "empty PATH entries (the working directory) are dropped");
        log.Should().NotContain("PLANTED");
        log.Should().Contain("\ncwd                  " + lines[0] + "\n", "the header shows the real working directory");
    }
}
