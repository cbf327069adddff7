using System.Diagnostics;
using System.Globalization;
using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;

namespace OpenCue.LocalCue.Tests.Support;

/// <summary>
/// Real users for tests of who frames run as. Running as root (as here and in CI), LocalCue runs every
/// frame as its job's uid: tests give the directories those frames write to that uid.
/// </summary>
public static class TestUsers
{
    /// <summary>The uid tests launch jobs as (LaunchOptions.Uid in the harness).</summary>
    public const int FrameUid = 1000;

    private static readonly SemaphoreSlim AccountsGate = new(1, 1);

    public static bool IsRoot => NativeMethods.GetEffectiveUserId() == 0;

    /// <summary>Fails (never skips) a test that needs root to create users or switch to them.</summary>
    public static void RequireRoot()
    {
        if (!IsRoot)
        {
            throw new InvalidOperationException(
                "This test needs root (it runs frames as real users created with useradd, as LocalCue does when it runs as root); it runs as uid "
                + NativeMethods.GetEffectiveUserId().ToString(CultureInfo.InvariantCulture) + ".");
        }

        foreach (var tool in new[] { "/usr/sbin/useradd", "/usr/sbin/userdel" })
        {
            if (!File.Exists(tool))
            {
                throw new InvalidOperationException("This test needs " + tool + " (shadow-utils / passwd package) to create a real user; it is missing.");
            }
        }
    }

    /// <summary>When running as root, makes <paramref name="path"/> owned by <paramref name="uid"/> so frames running as it can write there.</summary>
    public static string GiveTo(string path, int uid = FrameUid)
    {
        if (IsRoot)
        {
            NativeMethods.ChangeOwner(path, uid, -1).Should().Be(0, "chown of " + path);
        }

        return path;
    }

    /// <summary>Creates a user with a unique name (removed on dispose); useradd picks its uid in 1000..60000 and a group of its own.</summary>
    public static async Task<TestUser> CreateAsync()
    {
        RequireRoot();
        string name = "lcq" + Guid.NewGuid().ToString("N")[..12];
        string home = "/nonexistent-" + name;
        await RunAccountToolAsync("/usr/sbin/useradd", "-M", "-d", home, "-s", "/bin/sh", "-K", "UID_MIN=1000", "-K", "UID_MAX=59999", name);
        var entry = FindByName(name) ?? throw new InvalidOperationException("useradd created " + name + " but it has no passwd entry.");
        return new TestUser(entry.Name, entry.Uid, entry.Gid, home);
    }

    /// <summary>A uid in 1000..60000 without a passwd entry.</summary>
    public static int FreeUid()
    {
        for (int uid = 59000; uid > 1000; uid--)
        {
            if (NativeMethods.GetPasswdEntry(uid) is null)
            {
                return uid;
            }
        }

        throw new InvalidOperationException("No free uid in 1000..59000.");
    }

    internal static async Task RunAccountToolAsync(params string[] arguments)
    {
        // useradd and userdel lock /etc/passwd: one at a time here, and a retry when another process holds it.
        await AccountsGate.WaitAsync();
        try
        {
            for (int attempt = 0; ; attempt++)
            {
                var (code, output) = await RunAsync(arguments);
                if (code == 0)
                {
                    return;
                }

                if (attempt < 20 && output.Contains("lock", StringComparison.OrdinalIgnoreCase))
                {
                    await Task.Delay(100);
                    continue;
                }

                throw new InvalidOperationException(string.Join(" ", arguments) + " failed with exit status " + code + ": " + output);
            }
        }
        finally
        {
            AccountsGate.Release();
        }
    }

    /// <summary>Runs a program; returns its exit status and its stdout and stderr together.</summary>
    public static async Task<(int Code, string Output)> RunAsync(params string[] arguments)
    {
        var info = new ProcessStartInfo(arguments[0]) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments.Skip(1))
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await errors);
    }

    private static PasswdEntry? FindByName(string name)
    {
        foreach (var line in File.ReadLines("/etc/passwd"))
        {
            var fields = line.Split(':');
            if (fields.Length >= 7 && fields[0] == name)
            {
                return new PasswdEntry(fields[0], int.Parse(fields[2], CultureInfo.InvariantCulture), int.Parse(fields[3], CultureInfo.InvariantCulture), fields[5]);
            }
        }

        return null;
    }
}

/// <summary>A real user created for a test; deleted (with its group) on dispose.</summary>
public sealed class TestUser : IAsyncDisposable
{
    internal TestUser(string name, int uid, int gid, string home)
    {
        Name = name;
        Uid = uid;
        Gid = gid;
        Home = home;
    }

    public string Name { get; }

    public int Uid { get; }

    public int Gid { get; }

    public string Home { get; }

    /// <summary>Runs a shell command as this user (setpriv, no supplementary groups); returns its exit status and output.</summary>
    public Task<(int Code, string Output)> ShellAsync(string command) =>
        TestUsers.RunAsync("/usr/bin/setpriv", "--reuid=" + Uid.ToString(CultureInfo.InvariantCulture), "--regid=" + Gid.ToString(CultureInfo.InvariantCulture), "--clear-groups", "--", "/bin/sh", "-c", command);

    public async ValueTask DisposeAsync() => await TestUsers.RunAccountToolAsync("/usr/sbin/userdel", Name);
}
