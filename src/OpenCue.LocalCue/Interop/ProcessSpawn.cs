using System;
using System.Collections.Generic;
using System.ComponentModel;
using System.IO;
using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace OpenCue.LocalCue.Interop;

/// <summary>
/// Starts a frame's process with <c>posix_spawn</c> and reaps it with <c>wait4</c>, so the kernel's own
/// account of the frame comes back with its exit: the CPU time and the peak resident memory of the
/// leader and every descendant it waited for (RQD's <c>time -p</c> and more, without a process more, and
/// nothing the frame's user can write). The child starts its own session (<c>POSIX_SPAWN_SETSID</c>: no
/// <c>setsid</c> program), in its working directory, with every signal at its default and none blocked,
/// stdin on <c>/dev/null</c> and stdout and stderr on one pipe. These children are not
/// <see cref="System.Diagnostics.Process"/>es: .NET does not reap them, <see cref="Wait"/> does.
/// </summary>
internal static class ProcessSpawn
{
    private const int SpawnSetSignalDefaults = 0x04;
    private const int SpawnSetSignalMask = 0x08;
    private const int SpawnSetSession = 0x80;
    private const int OpenReadOnly = 0;
    private const int OpenCloseOnExec = 0x80000;
    private const int Interrupted = 4;

    // glibc's posix_spawnattr_t is 336 bytes, its file actions 80, sigset_t 128; musl's are smaller.
    private const int AttributesSize = 1024;
    private const int FileActionsSize = 512;
    private const int SignalSetSize = 256;

    /// <summary>
    /// Whether <see cref="Start"/> can start a child as another user itself (root only): the calling thread takes the
    /// user's ids for the spawn with raw system calls, which change that thread's credentials alone (glibc's
    /// wrappers would change every thread's), and takes root's back after. Known system call numbers (x86-64,
    /// arm64) and no ambient capabilities (which the child would keep): otherwise frames switch through
    /// <c>setpriv</c>, one exec more.
    /// </summary>
    internal static bool CanSwitchUser { get; } = ProbeSwitchUser();

    /// <summary>Starts <paramref name="program"/>; its stdout and stderr are the returned pipe.</summary>
    /// <param name="program">The program's absolute path.</param>
    /// <param name="arguments">argv, the program's name first.</param>
    /// <param name="environment"><c>NAME=value</c> entries, the whole environment.</param>
    /// <param name="workingDirectory">Where it starts.</param>
    /// <param name="output">The read end of its stdout and stderr.</param>
    /// <param name="user">
    /// The uid, gid and supplementary groups it runs as (only when <see cref="CanSwitchUser"/>), or <see langword="null"/>
    /// for this process's. The child execs with real and effective ids the user's (and <c>exec</c> makes the saved
    /// ones the same), no capabilities, and only these groups: nothing of root reaches it.
    /// </param>
    /// <returns>Its pid, which is also its session and process group id.</returns>
    /// <exception cref="Win32Exception">It could not be started (the program is missing, the directory is, ...).</exception>
    internal static int Start(string program, IReadOnlyList<string> arguments, IReadOnlyList<string> environment, string workingDirectory, out SafePipeHandle output, SpawnUser? user = null)
    {
        var pipe = new int[2];
        if (Pipe2(pipe, OpenCloseOnExec) != 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "pipe2 failed");
        }

        IntPtr attributes = Marshal.AllocHGlobal(AttributesSize);
        IntPtr actions = Marshal.AllocHGlobal(FileActionsSize);
        IntPtr signals = Marshal.AllocHGlobal(SignalSetSize);
        IntPtr argv = IntPtr.Zero;
        IntPtr envp = IntPtr.Zero;
        bool attributesMade = false;
        bool actionsMade = false;
        bool started = false;
        try
        {
            Check(SpawnAttrInit(attributes), "posix_spawnattr_init");
            attributesMade = true;
            Check(SpawnFileActionsInit(actions), "posix_spawn_file_actions_init");
            actionsMade = true;

            Check(SpawnAttrSetFlags(attributes, (short)(SpawnSetSession | SpawnSetSignalDefaults | SpawnSetSignalMask)), "posix_spawnattr_setflags");
            SigFillSet(signals);
            Check(SpawnAttrSetSigDefault(attributes, signals), "posix_spawnattr_setsigdefault");
            SigEmptySet(signals);
            Check(SpawnAttrSetSigMask(attributes, signals), "posix_spawnattr_setsigmask");

            Check(SpawnFileActionsAddOpen(actions, 0, "/dev/null", OpenReadOnly, 0), "posix_spawn_file_actions_addopen");
            Check(SpawnFileActionsAddDup2(actions, pipe[1], 1), "posix_spawn_file_actions_adddup2");
            Check(SpawnFileActionsAddDup2(actions, pipe[1], 2), "posix_spawn_file_actions_adddup2");
            Check(SpawnFileActionsAddChdir(actions, workingDirectory), "posix_spawn_file_actions_addchdir_np");

            argv = StringArray(arguments);
            envp = StringArray(environment);
            int error = user is null ? PosixSpawn(out int pid, program, actions, attributes, argv, envp) : SpawnAs(user, out pid, program, actions, attributes, argv, envp);
            if (error != 0)
            {
                throw new Win32Exception(error, "posix_spawn " + program + ": " + new Win32Exception(error).Message);
            }

            started = true;
            output = new SafePipeHandle((IntPtr)pipe[0], ownsHandle: true);
            return pid;
        }
        finally
        {
            if (actionsMade)
            {
                _ = SpawnFileActionsDestroy(actions);
            }

            if (attributesMade)
            {
                _ = SpawnAttrDestroy(attributes);
            }

            Marshal.FreeHGlobal(attributes);
            Marshal.FreeHGlobal(actions);
            Marshal.FreeHGlobal(signals);
            FreeStringArray(argv, arguments.Count);
            FreeStringArray(envp, environment.Count);
            _ = Close(pipe[1]);
            if (!started)
            {
                _ = Close(pipe[0]);
            }
        }
    }

    /// <summary>Waits for the process to end and reaps it (<c>wait4</c>); blocks the calling thread.</summary>
    /// <param name="pid">A child started by <see cref="Start"/>.</param>
    /// <returns>How it ended and what it (and the descendants it waited for) used.</returns>
    /// <exception cref="Win32Exception"><c>wait4</c> failed (not a child of this process).</exception>
    internal static ProcessExit Wait(int pid)
    {
        while (true)
        {
            int reaped = Wait4(pid, out int status, 0, out ResourceUsage usage);
            if (reaped == pid)
            {
                int termination = status & 0x7F;
                int exitCode = termination == 0 ? (status >> 8) & 0xFF : 128 + termination;
                return new ProcessExit(
                    exitCode,
                    usage.UserSeconds + (usage.UserMicroseconds / 1e6),
                    usage.SystemSeconds + (usage.SystemMicroseconds / 1e6),
                    usage.MaxRssKb);
            }

            int error = Marshal.GetLastPInvokeError();
            if (reaped < 0 && error != Interrupted)
            {
                throw new Win32Exception(error, "wait4 " + pid.ToString(System.Globalization.CultureInfo.InvariantCulture));
            }
        }
    }

    private static int SpawnAs(SpawnUser user, out int pid, string program, IntPtr actions, IntPtr attributes, IntPtr argv, IntPtr envp)
    {
        if (!CanSwitchUser)
        {
            throw new InvalidOperationException("This process cannot switch a thread's user.");
        }

        var groups = new uint[user.Groups.Count];
        for (int i = 0; i < groups.Length; i++)
        {
            groups[i] = (uint)user.Groups[i];
        }

        (long setGroups, long setResUid, long setResGid) = SystemCallNumbers();
        uint[] ownGroupIds = Array.ConvertAll(GetGroups(), g => (uint)g);
        var own = new OwnIds(GetGid(), GetEgid(), ownGroupIds);
        pid = 0;

        // Groups and gid first, while the thread is root; the uid last, keeping saved uid 0 so the thread can come back.
        if (SetIds(setGroups, groups.Length, groups) != 0
            || SetIds(setResGid, user.Gid, user.Gid, user.Gid) != 0
            || SetIds(setResUid, user.Uid, user.Uid, 0) != 0)
        {
            int failed = Marshal.GetLastPInvokeError();
            RestoreRoot(setGroups, setResUid, setResGid, own);
            return failed;
        }

        try
        {
            return PosixSpawn(out pid, program, actions, attributes, argv, envp);
        }
        finally
        {
            RestoreRoot(setGroups, setResUid, setResGid, own);
        }
    }

    private static void RestoreRoot(long setGroups, long setResUid, long setResGid, OwnIds own)
    {
        // Always allowed (the saved uid is 0, and uid 0 brings the capabilities back); a thread left as another
        // user must never run LocalCue's code.
        if (SetIds(setResUid, 0, 0, 0) != 0 || SetIds(setResGid, own.Gid, own.EffectiveGid, own.EffectiveGid) != 0
            || SetIds(setGroups, own.Groups.Length, own.Groups) != 0)
        {
            Environment.FailFast("LocalCue could not take back root's ids on a thread that started a frame (errno "
                + Marshal.GetLastPInvokeError().ToString(System.Globalization.CultureInfo.InvariantCulture) + ").");
        }
    }

    private static bool ProbeSwitchUser()
    {
        if (!OperatingSystem.IsLinux() || GetEuid() != 0 || GetUid() != 0
            || (RuntimeInformation.ProcessArchitecture != Architecture.X64 && RuntimeInformation.ProcessArchitecture != Architecture.Arm64))
        {
            return false;
        }

        try
        {
            foreach (string line in File.ReadLines("/proc/thread-self/status"))
            {
                if (line.StartsWith("CapAmb:", StringComparison.Ordinal))
                {
                    return line.AsSpan(7).Trim().TrimStart('0').IsEmpty;
                }
            }
        }
        catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
        {
        }

        return false;
    }

    private static (long SetGroups, long SetResUid, long SetResGid) SystemCallNumbers() =>
        RuntimeInformation.ProcessArchitecture == Architecture.X64 ? (116, 117, 119) : (159, 147, 149);

    private static int[] GetGroups()
    {
        int count = GetGroupsCall(0, null);
        var groups = new int[Math.Max(count, 0)];
        if (count > 0 && GetGroupsCall(count, groups) != count)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError(), "getgroups failed");
        }

        return groups;
    }

    private static void Check(int error, string call)
    {
        if (error != 0)
        {
            throw new Win32Exception(error, call + " failed");
        }
    }

    private static IntPtr StringArray(IReadOnlyList<string> strings)
    {
        IntPtr array = Marshal.AllocHGlobal(IntPtr.Size * (strings.Count + 1));
        for (int i = 0; i <= strings.Count; i++)
        {
            Marshal.WriteIntPtr(array, i * IntPtr.Size, IntPtr.Zero);
        }

        for (int i = 0; i < strings.Count; i++)
        {
            Marshal.WriteIntPtr(array, i * IntPtr.Size, Marshal.StringToCoTaskMemUTF8(strings[i]));
        }

        return array;
    }

    private static void FreeStringArray(IntPtr array, int count)
    {
        if (array == IntPtr.Zero)
        {
            return;
        }

        for (int i = 0; i < count; i++)
        {
            Marshal.FreeCoTaskMem(Marshal.ReadIntPtr(array, i * IntPtr.Size));
        }

        Marshal.FreeHGlobal(array);
    }

    [DllImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static extern int Pipe2([Out] int[] fds, int flags);

    [DllImport("libc", EntryPoint = "close", SetLastError = true)]
    private static extern int Close(int fd);

    [DllImport("libc", EntryPoint = "posix_spawnattr_init")]
    private static extern int SpawnAttrInit(IntPtr attributes);

    [DllImport("libc", EntryPoint = "posix_spawnattr_destroy")]
    private static extern int SpawnAttrDestroy(IntPtr attributes);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setflags")]
    private static extern int SpawnAttrSetFlags(IntPtr attributes, short flags);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setsigdefault")]
    private static extern int SpawnAttrSetSigDefault(IntPtr attributes, IntPtr signals);

    [DllImport("libc", EntryPoint = "posix_spawnattr_setsigmask")]
    private static extern int SpawnAttrSetSigMask(IntPtr attributes, IntPtr signals);

    [DllImport("libc", EntryPoint = "sigfillset")]
    private static extern int SigFillSet(IntPtr signals);

    [DllImport("libc", EntryPoint = "sigemptyset")]
    private static extern int SigEmptySet(IntPtr signals);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_init")]
    private static extern int SpawnFileActionsInit(IntPtr actions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_destroy")]
    private static extern int SpawnFileActionsDestroy(IntPtr actions);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addopen", BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int SpawnFileActionsAddOpen(IntPtr actions, int fd, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags, uint mode);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_adddup2")]
    private static extern int SpawnFileActionsAddDup2(IntPtr actions, int fd, int newFd);

    [DllImport("libc", EntryPoint = "posix_spawn_file_actions_addchdir_np", BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int SpawnFileActionsAddChdir(IntPtr actions, [MarshalAs(UnmanagedType.LPUTF8Str)] string path);

    [DllImport("libc", EntryPoint = "posix_spawn", BestFitMapping = false, ThrowOnUnmappableChar = true)]
    private static extern int PosixSpawn(out int pid, [MarshalAs(UnmanagedType.LPUTF8Str)] string path, IntPtr actions, IntPtr attributes, IntPtr argv, IntPtr envp);

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern int SetIds(long number, long first, long second, long third);

    [DllImport("libc", EntryPoint = "syscall", SetLastError = true)]
    private static extern int SetIds(long number, long count, uint[] groups);

    [DllImport("libc", EntryPoint = "getgroups", SetLastError = true)]
    private static extern int GetGroupsCall(int size, [Out] int[]? groups);

    [DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint GetEuid();

    [DllImport("libc", EntryPoint = "getgid")]
    private static extern uint GetGid();

    [DllImport("libc", EntryPoint = "getegid")]
    private static extern uint GetEgid();

    [DllImport("libc", EntryPoint = "getuid")]
    private static extern uint GetUid();

    [DllImport("libc", EntryPoint = "wait4", SetLastError = true)]
    private static extern int Wait4(int pid, out int status, int options, out ResourceUsage usage);

    private readonly record struct OwnIds(uint Gid, uint EffectiveGid, uint[] Groups);

    /// <summary><c>struct rusage</c> of 64-bit Linux: two <c>timeval</c>s, then fourteen longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct ResourceUsage
    {
        public long UserSeconds;
        public long UserMicroseconds;
        public long SystemSeconds;
        public long SystemMicroseconds;
        public long MaxRssKb;
        public long SharedText;
        public long UnsharedData;
        public long UnsharedStack;
        public long MinorFaults;
        public long MajorFaults;
        public long Swaps;
        public long BlocksIn;
        public long BlocksOut;
        public long MessagesSent;
        public long MessagesReceived;
        public long Signals;
        public long VoluntarySwitches;
        public long InvoluntarySwitches;
    }
}

/// <summary>How a process started by <see cref="ProcessSpawn"/> ended, with the kernel's account of it.</summary>
/// <param name="ExitCode">Its exit status, or 128 + the signal that killed it.</param>
/// <param name="UserSeconds">User CPU of the process and every descendant it waited for, seconds.</param>
/// <param name="SystemSeconds">System CPU of the same, seconds.</param>
/// <param name="MaxRssKb">The largest peak resident memory of any one of them, KB.</param>
internal readonly record struct ProcessExit(int ExitCode, double UserSeconds, double SystemSeconds, long MaxRssKb);

/// <summary>Who a child of <see cref="ProcessSpawn.Start"/> runs as.</summary>
/// <param name="Uid">Real and effective uid.</param>
/// <param name="Gid">Real and effective gid.</param>
/// <param name="Groups">Supplementary groups (none: cleared).</param>
internal sealed record SpawnUser(int Uid, int Gid, IReadOnlyList<int> Groups);
