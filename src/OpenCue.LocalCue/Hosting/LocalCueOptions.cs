using System;
using System.IO;
using Microsoft.Extensions.Logging;

namespace OpenCue.LocalCue
{
    /// <summary>How the local scheduler runs: where it listens, keeps state and logs, and what it may book.</summary>
    public sealed class LocalCueOptions
    {
        /// <summary>The port; 0 picks a free one (the default in process). The stand-alone server defaults to Cuebot's 8443.</summary>
        public int Port { get; set; }

        /// <summary>The address to bind (default 127.0.0.1). Anything else is logged as a warning: the scheduler runs any command it is sent.</summary>
        public string BindAddress { get; set; } = "127.0.0.1";

        /// <summary>Where the SQLite database and frame logs live (default <c>~/.local/share/opencue-localcue</c>).</summary>
        public string StateDirectory { get; set; } = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData), "opencue-localcue");

        /// <summary>Keep state in memory only (for tests); nothing survives a restart. Logs still go under <see cref="StateDirectory"/>.</summary>
        public bool InMemory { get; set; }

        /// <summary>Cores to book (default: this machine's).</summary>
        public double Cores { get; set; } = Environment.ProcessorCount;

        /// <summary>Memory to book in MB (default: this machine's physical memory).</summary>
        public long MemoryMb { get; set; } = DefaultMemoryMb();

        /// <summary>
        /// Cuebot's <c>depend.satisfy_only_on_frame_success</c> (default true): only SUCCEEDED frames satisfy
        /// depends. False: EATEN frames satisfy them too.
        /// </summary>
        public bool SatisfyOnlyOnFrameSuccess { get; set; } = true;

        /// <summary>
        /// Retries of memory failures (exit 33 or 137). Cuebot retries them without limit with more memory;
        /// one machine cannot give more, so they stop here (default 3) and the frame dies, as its log says.
        /// </summary>
        public int MaxMemoryRetries { get; set; } = 3;

        /// <summary>How long a frame that could not be launched waits before it is tried again (RQD waits 10 s before reporting it).</summary>
        public TimeSpan FailedLaunchDelay { get; set; } = TimeSpan.FromSeconds(10);

        /// <summary>Failed launches in a row after which a frame dies (default 3).</summary>
        public int MaxFailedLaunches { get; set; } = 3;

        /// <summary>The host name frames report (default this machine's).</summary>
        public string HostName { get; set; } = Environment.MachineName;

        /// <summary>Where the scheduler logs.</summary>
        public ILoggerFactory? LoggerFactory { get; set; }

        // ---- Frame users (RQD_BECOME_JOB_USER, RQD_MIN_UID, RQD_MAX_UID, LAUNCH_FRAME_USER_GID) ----

        /// <summary>
        /// Which user frames run as, RQD's rules without its root fall-back: as root LocalCue always runs a
        /// frame as its job's uid (within <see cref="Running.FrameUserOptions.MinUid"/>..<see cref="Running.FrameUserOptions.MaxUid"/>,
        /// else the launch is refused) and never as root; otherwise as LocalCue's own user unless
        /// <see cref="Running.FrameUserOptions.BecomeJobUser"/> is set. See <see cref="Running.FrameUserOptions"/> for the defaults.
        /// </summary>
        public Running.FrameUserOptions FrameUsers { get; set; } = new Running.FrameUserOptions();

        // ---- end of frame users ----

        /// <summary>Checks the options.</summary>
        /// <exception cref="ArgumentException">A value is out of range; all are listed.</exception>
        public void Validate()
        {
            var problems = new System.Collections.Generic.List<string>();
            if (Port < 0 || Port > 65535)
            {
                problems.Add("Port must be 0-65535 (was " + Port + ")");
            }

            if (Cores <= 0)
            {
                problems.Add("Cores must be positive (was " + Cores + ")");
            }

            if (MemoryMb <= 0)
            {
                problems.Add("MemoryMb must be positive (was " + MemoryMb + ")");
            }

            if (MaxMemoryRetries < 0)
            {
                problems.Add("MaxMemoryRetries cannot be negative (was " + MaxMemoryRetries + ")");
            }

            if (string.IsNullOrWhiteSpace(StateDirectory))
            {
                problems.Add("StateDirectory is required");
            }

            if (FrameUsers is null)
            {
                problems.Add("FrameUsers is required");
            }
            else
            {
                FrameUsers.Validate(problems);
            }

            if (problems.Count > 0)
            {
                throw new ArgumentException("Invalid LocalCueOptions: " + string.Join("; ", problems) + ".");
            }
        }

        private static long DefaultMemoryMb()
        {
            var bytes = GC.GetGCMemoryInfo().TotalAvailableMemoryBytes;
            return bytes > 0 ? bytes / (1024 * 1024) : 4096;
        }
    }
}
