using System;
using System.Runtime.InteropServices;

namespace OpenCue.Authoring.Internal;

/// <summary>PyOutline's defaults taken from the environment and its shipped <c>outline.cfg</c>.</summary>
internal static class Defaults
{
    /// <summary>PyOutline's <c>DEFAULT_FRAME_RANGE</c>.</summary>
    public const string FrameRange = "1000-1000";

    /// <summary><c>[outline] default_show</c>.</summary>
    public const string Show = "testing";

    /// <summary><c>[outline] default_shot</c>.</summary>
    public const string Shot = "default";

    /// <summary><c>[outline] facility</c>.</summary>
    public const string Facility = "local";

    /// <summary><c>[outline] domain</c>.</summary>
    public const string EmailDomain = "example.com";

    /// <summary><c>[outline] maxretries</c>.</summary>
    public const int MaxRetries = 2;

    public static string EnvShow() => NonEmpty(Environment.GetEnvironmentVariable("SHOW")) ?? Show;

    public static string EnvShot() => NonEmpty(Environment.GetEnvironmentVariable("SHOT")) ?? Shot;

    /// <summary>PyOutline's <c>get_user</c>: <c>USER</c>, else the login name; <c>DOMAIN\user</c> on Windows.</summary>
    public static string EnvUser()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            var domain = NonEmpty(Environment.GetEnvironmentVariable("USERDOMAIN"));
            return domain is null ? Environment.UserName : domain + "\\" + Environment.UserName;
        }

        return NonEmpty(Environment.GetEnvironmentVariable("USER")) ?? Environment.UserName;
    }

    /// <summary>PyOutline's launcher facility: <c>RENDER_TO</c>, else <c>FACILITY</c>, else the config's.</summary>
    public static string EnvFacility() =>
        NonEmpty(Environment.GetEnvironmentVariable("RENDER_TO")) ??
        NonEmpty(Environment.GetEnvironmentVariable("FACILITY")) ?? Facility;

    /// <summary>The uid PyOutline writes (<c>os.getuid()</c>; <c>1</c> on Windows).</summary>
    public static int CurrentUid()
    {
        if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
        {
            return 1;
        }

        try
        {
            return (int)NativeMethods.getuid();
        }
        catch (DllNotFoundException)
        {
            return 1;
        }
        catch (EntryPointNotFoundException)
        {
            return 1;
        }
    }

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static class NativeMethods
    {
        [DllImport("libc", SetLastError = false)]
        [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
        public static extern uint getuid();
    }
}
