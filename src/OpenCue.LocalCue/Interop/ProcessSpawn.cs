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

    /// <summary>Starts <paramref name="program"/>; its stdout and stderr are the returned pipe.</summary>
    /// <param name="program">The program's absolute path.</param>
    /// <param name="arguments">argv, the program's name first.</param>
    /// <param name="environment"><c>NAME=value</c> entries, the whole environment.</param>
    /// <param name="workingDirectory">Where it starts.</param>
    /// <param name="output">The read end of its stdout and stderr.</param>
    /// <returns>Its pid, which is also its session and process group id.</returns>
    /// <exception cref="Win32Exception">It could not be started (the program is missing, the directory is, ...).</exception>
    internal static int Start(string program, IReadOnlyList<string> arguments, IReadOnlyList<string> environment, string workingDirectory, out SafePipeHandle output)
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
            int error = PosixSpawn(out int pid, program, actions, attributes, argv, envp);
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

    [DllImport("libc", EntryPoint = "wait4", SetLastError = true)]
    private static extern int Wait4(int pid, out int status, int options, out ResourceUsage usage);

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
