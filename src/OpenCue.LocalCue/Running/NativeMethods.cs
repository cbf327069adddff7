using System.Runtime.InteropServices;

namespace OpenCue.LocalCue.Running
{
    /// <summary>The few libc calls the frame runner needs (Linux).</summary>
    internal static class NativeMethods
    {
        /// <summary>SIGKILL, RQD's <c>KILL_SIGNAL</c>.</summary>
        internal const int SigKill = 9;

        /// <summary>ESRCH: no such process or process group.</summary>
        internal const int NoSuchProcess = 3;

        /// <summary>Sends SIGKILL to the process group <paramref name="processGroupId"/> (<c>killpg</c>).</summary>
        /// <param name="processGroupId">The group id, which is the leader's process id.</param>
        /// <param name="error">The errno of the failure (<see cref="NoSuchProcess"/> when the group does not exist), 0 on success.</param>
        /// <returns><see langword="true"/> when the signal was sent.</returns>
        internal static bool KillProcessGroup(int processGroupId, out int error)
        {
            if (processGroupId <= 1)
            {
                error = NoSuchProcess;
                return false;
            }

            if (Kill(-processGroupId, SigKill) == 0)
            {
                error = 0;
                return true;
            }

            error = Marshal.GetLastPInvokeError();
            return false;
        }

        /// <summary>The real user id of this process.</summary>
        /// <returns>The uid.</returns>
        internal static uint GetUserId() => GetUid();

        /// <summary>The real group id of this process.</summary>
        /// <returns>The gid.</returns>
        internal static uint GetGroupId() => GetGid();

        [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
        private static extern int Kill(int pid, int signal);

        [DllImport("libc", EntryPoint = "getuid")]
        private static extern uint GetUid();

        [DllImport("libc", EntryPoint = "getgid")]
        private static extern uint GetGid();
    }
}
