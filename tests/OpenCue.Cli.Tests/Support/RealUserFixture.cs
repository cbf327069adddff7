using System.Diagnostics;
using System.Globalization;

namespace OpenCue.Cli.Tests.Support;

/// <summary>
/// A real Linux user made with <c>useradd</c> for the test class (removed with <c>userdel</c> at the end), and a
/// copy of the built cuerun that it can read. Needs root (CI runs as root): otherwise every test fails saying why.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class RealUserFixture : IDisposable
{
    public RealUserFixture()
    {
        var euid = OpenCue.LocalCue.Interop.NativeMethods.GetEffectiveUserId();
        if (euid != 0)
        {
            throw new InvalidOperationException("RealUserAccessTests need root (CI runs them as root) to create a user with useradd and run cuerun as it " +
                "through setpriv; this test run is uid " + euid.ToString(CultureInfo.InvariantCulture) + ".");
        }

        foreach (var tool in new[] { "useradd", "userdel", "setpriv", "chown", "id" })
        {
            if (Which(tool) is null)
            {
                throw new InvalidOperationException("RealUserAccessTests need '" + tool + "' on PATH (util-linux/passwd); it was not found.");
            }
        }

        Root = Directory.CreateTempSubdirectory("localcue-users-").FullName;
        File.SetUnixFileMode(Root, (UnixFileMode)0x1ED); // 0755: the user reaches the copy of cuerun and the specs
        CopyReadable(AppContext.BaseDirectory, Path.Combine(Root, "bin"));
        Home = Path.Combine(Root, "home");
        var random = new Random();
        for (var attempt = 0; attempt < 20 && Name is null; attempt++)
        {
            var uid = random.Next(20000, 60000);
            var name = "lcq" + uid.ToString(CultureInfo.InvariantCulture) + "x" + random.Next(100, 1000).ToString(CultureInfo.InvariantCulture);
            var (code, output) = Tool("useradd", "-u", uid.ToString(CultureInfo.InvariantCulture), "-U", "-M", "-d", Home, "-s", "/usr/sbin/nologin", name);
            if (code == 0)
            {
                Name = name;
                Uid = uid;
            }
            else if (code != 4 && code != 9)
            {
                throw new InvalidOperationException("useradd failed with exit " + code.ToString(CultureInfo.InvariantCulture) + ": " + output);
            }
        }

        if (Name is null)
        {
            throw new InvalidOperationException("useradd found no free uid in 20000..59999 after 20 tries.");
        }

        Gid = int.Parse(Tool("id", "-g", Name).Output.Trim(), CultureInfo.InvariantCulture);
        Directory.CreateDirectory(Home);
        Tool("chown", Uid.ToString(CultureInfo.InvariantCulture) + ":" + Gid.ToString(CultureInfo.InvariantCulture), Home).Code.Should().Be(0);
    }

    public string Root { get; }

    public string Home { get; }

    public string? Name { get; }

    public int Uid { get; }

    public int Gid { get; }

    /// <summary>The copy of cuerun the user runs.</summary>
    public string CliDll => Path.Combine(Root, "bin", "OpenCue.Cli.dll");

    public (int Uid, int Gid, string Home) User => (Uid, Gid, Home);

    /// <summary>Runs the copied cuerun as the user.</summary>
    public CliResult Cuerun(params string[] args) => DotnetProcess.Run(CliDll, args, User);

    /// <summary>Writes a file the user can read.</summary>
    public string Write(string name, string text)
    {
        var path = Path.Combine(Root, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, (UnixFileMode)0x1A4); // 0644
        return path;
    }

    public void Dispose()
    {
        if (Name != null)
        {
            Tool("userdel", Name);
        }

        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static (int Code, string Output) Tool(string name, params string[] args)
    {
        var start = new ProcessStartInfo(name) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        process.WaitForExit(60_000).Should().BeTrue(name + " should finish");
        return (process.ExitCode, stdout.Result + stderr.Result);
    }

    private static string? Which(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Concat(new[] { "/usr/sbin", "/sbin", "/usr/bin", "/bin" })
            .Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists);

    private static void CopyReadable(string from, string to)
    {
        Directory.CreateDirectory(to);
        File.SetUnixFileMode(to, (UnixFileMode)0x1ED);
        foreach (var file in Directory.GetFiles(from))
        {
            var target = Path.Combine(to, Path.GetFileName(file));
            File.Copy(file, target);
            File.SetUnixFileMode(target, (UnixFileMode)0x1A4);
        }

        foreach (var directory in Directory.GetDirectories(from))
        {
            CopyReadable(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}
