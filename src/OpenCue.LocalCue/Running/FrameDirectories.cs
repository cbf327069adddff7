using System;
using System.ComponentModel;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue.Running
{
    /// <summary>
    /// The private directories frames' command files live in. RQD writes <c>&lt;tmp&gt;/rqd-cmd-*</c> with
    /// mode 0777, which anyone can append to while <c>/bin/sh</c> reads it; here each frame gets its own
    /// directory (0700, owned by the frame's user) holding its command file (0400, same owner), under a
    /// base directory of this LocalCue instance, <c>&lt;temp&gt;/localcue-&lt;euid&gt;-&lt;hash of the
    /// instance key&gt;</c> (0711, owned by LocalCue, checked with <c>lstat</c> before every frame).
    /// Everything is created exclusively (<c>O_EXCL</c>, <c>mkdir</c>) with its mode set explicitly, so
    /// neither the umask nor anything planted beforehand counts.
    /// </summary>
    internal sealed class FrameDirectories
    {
        private const UnixFileMode BaseMode = (UnixFileMode)0x1C9; // 0711: frame users may pass, not list
        private const UnixFileMode FrameDirectoryMode = (UnixFileMode)0x1C0; // 0700
        private const UnixFileMode CommandFileMode = (UnixFileMode)0x100; // 0400
        private const int GroupOrOtherWritable = 0x12; // 0022
        private const int MaxAttempts = 100;
        private static readonly TimeSpan RemoveTimeout = TimeSpan.FromMinutes(1);
        private static readonly UTF8Encoding Utf8 = new UTF8Encoding(false);

        private readonly int _currentUid;
        private readonly string? _setprivPath;
        private readonly ILogger _logger;

        /// <summary>Creates the manager; nothing is touched on disk.</summary>
        /// <param name="basePath">This instance's base directory (<see cref="BasePathFor"/>).</param>
        /// <param name="currentUid">LocalCue's effective uid, which must own the base directory.</param>
        /// <param name="setprivPath">The <c>setpriv</c> that removes what frames of other users left; <see langword="null"/> when there is none.</param>
        /// <param name="logger">Logging.</param>
        internal FrameDirectories(string basePath, int currentUid, string? setprivPath, ILogger logger)
        {
            BasePath = basePath;
            _currentUid = currentUid;
            _setprivPath = setprivPath;
            _logger = logger;
        }

        /// <summary>The base directory.</summary>
        internal string BasePath { get; }

        /// <summary>
        /// The base directory of the instance named by <paramref name="instanceKey"/> (LocalCue's state
        /// directory): distinct instances, run concurrently by tests, never share or clean each other's.
        /// </summary>
        /// <param name="tempDirectory">The runner's temp directory.</param>
        /// <param name="instanceKey">The path that names the instance; made absolute before hashing.</param>
        /// <param name="uid">LocalCue's effective uid.</param>
        /// <returns>The path.</returns>
        internal static string BasePathFor(string tempDirectory, string instanceKey, int uid)
        {
            byte[] hash = SHA256.HashData(Utf8.GetBytes(Path.GetFullPath(instanceKey)));
            string key = Convert.ToHexStringLower(hash, 0, 6);
            return Path.Combine(tempDirectory, "localcue-" + uid.ToString(CultureInfo.InvariantCulture) + "-" + key);
        }

        /// <summary>Creates the base directory if missing and checks it.</summary>
        /// <returns><see langword="null"/> when frames may use it, else why not, naming the path.</returns>
        internal string? EnsureBase()
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("Frames run on Linux.");
            }

            int error = NativeMethods.MakeDirectory(BasePath, BaseMode);
            if (error == 0)
            {
                File.SetUnixFileMode(BasePath, BaseMode);
            }
            else if (error != NativeMethods.AlreadyExists)
            {
                return Unusable("it cannot be created (" + Marshal.GetPInvokeErrorMessage(error) + ")");
            }

            error = NativeMethods.LinkStatus(BasePath, out FileStatus status);
            if (error != 0)
            {
                return Unusable("it cannot be read (" + Marshal.GetPInvokeErrorMessage(error) + ")");
            }

            if (status.IsSymbolicLink)
            {
                return Unusable("it is a symbolic link, not a real directory");
            }

            if (!status.IsDirectory)
            {
                return Unusable("it is not a directory");
            }

            if (status.Uid != _currentUid)
            {
                return Unusable("it is owned by uid " + Text(status.Uid) + ", not by LocalCue's uid " + Text(_currentUid));
            }

            if ((status.Permissions & GroupOrOtherWritable) != 0)
            {
                return Unusable("it is writable by group or others (mode " + Convert.ToString(status.Permissions, 8) + ")");
            }

            return null;
        }

        /// <summary>
        /// At start: removes everything in the base directory, what frames of an earlier run left when it
        /// was killed. Only this instance's base directory is touched. Never throws.
        /// </summary>
        internal void RemoveLeftovers()
        {
            string? problem = EnsureBase();
            if (problem != null)
            {
                RunnerLog.BaseDirectoryUnusable(_logger, problem);
                return;
            }

            int count = 0;
            try
            {
                foreach (string entry in Directory.EnumerateFileSystemEntries(BasePath))
                {
                    if (RemoveEntry(entry))
                    {
                        count++;
                    }
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                RunnerLog.NotRemoved(_logger, BasePath, e.Message);
            }

            if (count > 0)
            {
                RunnerLog.LeftoversRemoved(_logger, count, BasePath);
            }
        }

        /// <summary>Removes the base directory if it is empty (<c>rmdir</c>); never throws.</summary>
        internal void RemoveBaseIfEmpty() => TryDeleteDirectory(BasePath);

        /// <summary>Creates a frame's private directory and its command file, owned by the frame's user.</summary>
        /// <param name="name">The frame's part of the names (its id).</param>
        /// <param name="ticks">A time stamp for unique names, as RQD's.</param>
        /// <param name="content">The command file's text, given the directory's path (it may name it, e.g. as <c>HOME</c>).</param>
        /// <param name="identity">Who the frame runs as.</param>
        /// <param name="commandFile">The command file.</param>
        /// <returns>The directory.</returns>
        /// <exception cref="IOException">The base directory is unusable, or a file cannot be created.</exception>
        /// <exception cref="UnauthorizedAccessException">No permission.</exception>
        internal string Create(string name, long ticks, Func<string, string> content, FrameIdentity identity, out string commandFile)
        {
            if (OperatingSystem.IsWindows())
            {
                throw new PlatformNotSupportedException("Frames run on Linux.");
            }

            string? problem = EnsureBase();
            if (problem != null)
            {
                RunnerLog.BaseDirectoryUnusable(_logger, problem);
                throw new IOException(problem);
            }

            string directory;
            for (int attempt = 0; ; attempt++)
            {
                directory = Path.Combine(BasePath, name + "-" + (ticks + attempt).ToString(CultureInfo.InvariantCulture));
                int error = NativeMethods.MakeDirectory(directory, FrameDirectoryMode);
                if (error == 0)
                {
                    break;
                }

                if (error != NativeMethods.AlreadyExists || attempt >= MaxAttempts)
                {
                    throw new IOException("Cannot create the frame directory " + directory + ": " + Marshal.GetPInvokeErrorMessage(error));
                }
            }

            commandFile = Path.Combine(directory, "rqd-cmd-" + name + "-" + ticks.ToString(CultureInfo.InvariantCulture));
            try
            {
                File.SetUnixFileMode(directory, FrameDirectoryMode);
                using (var stream = new FileStream(commandFile, new FileStreamOptions
                {
                    Mode = FileMode.CreateNew,
                    Access = FileAccess.Write,
                    BufferSize = 0,
                    UnixCreateMode = CommandFileMode,
                }))
                {
                    stream.Write(Utf8.GetBytes(content(directory)));
                }

                File.SetUnixFileMode(commandFile, CommandFileMode);

                // Until the directory is handed over (last), only LocalCue can reach the file.
                if (identity.Switches)
                {
                    Chown(commandFile, identity);
                    Chown(directory, identity);
                }
            }
            catch
            {
                // Nothing is the frame user's yet: LocalCue removes it itself.
                TryDelete(commandFile);
                TryDeleteDirectory(directory);
                throw;
            }

            return directory;
        }

        /// <summary>After the frame: removes its command file and private directory, and anything the frame put there. Never throws.</summary>
        /// <param name="directory">The frame directory.</param>
        /// <param name="commandFile">Its command file.</param>
        /// <param name="identity">Who the frame ran as.</param>
        internal void Remove(string directory, string commandFile, FrameIdentity identity)
        {
            // unlink and rmdir never follow a symbolic link, whatever the frame replaced the file with.
            TryDelete(commandFile);
            if (TryDeleteDirectory(directory))
            {
                return;
            }

            RemoveTree(directory, identity.Switches ? identity.Uid : _currentUid, identity.Gid);
        }

        private bool RemoveEntry(string entry)
        {
            int error = NativeMethods.LinkStatus(entry, out FileStatus status);
            if (error != 0)
            {
                return false;
            }

            if (!status.IsDirectory)
            {
                return TryDelete(entry);
            }

            return TryDeleteDirectory(entry) || RemoveTree(entry, status.Uid, status.Gid);
        }

        /// <summary>
        /// Removes a directory the frame may have filled. Its owner can replace anything inside it with a
        /// symbolic link at any moment (processes a frame leaves keep running), so root must not walk it: a
        /// directory swapped for a link between a check and the next step would make root delete whatever
        /// the link points to. The contents are removed by <c>rm -rf</c> run as the directory's owner
        /// through <c>setpriv</c>, with exactly that user's rights; the owner cannot remove the directory
        /// itself (the base is LocalCue's, 0711), so LocalCue's own <c>rmdir</c> ends it. A directory of
        /// LocalCue's own user is no privilege boundary and is removed in process.
        /// </summary>
        private bool RemoveTree(string directory, int uid, int gid)
        {
            if (uid == _currentUid)
            {
                try
                {
                    Directory.Delete(directory, recursive: true);
                    return true;
                }
                catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
                {
                    RunnerLog.NotRemoved(_logger, directory, e.Message);
                    return false;
                }
            }

            if (_setprivPath is null)
            {
                RunnerLog.NotRemoved(_logger, directory, "it holds files of uid " + Text(uid) + " and setpriv, needed to remove them as that user, was not found");
                return false;
            }

            RunAsOwner(directory, uid, gid);
            if (TryDeleteDirectory(directory))
            {
                return true;
            }

            RunnerLog.NotRemoved(_logger, directory, "what uid " + Text(uid) + " left there could not be removed");
            return false;
        }

        private void RunAsOwner(string directory, int uid, int gid)
        {
            var info = new ProcessStartInfo(_setprivPath!)
            {
                UseShellExecute = false,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = "/",
            };
            foreach (string argument in Setpriv.SwitchArguments(uid, gid, Array.Empty<int>()))
            {
                info.ArgumentList.Add(argument);
            }

            info.ArgumentList.Add("rm");
            info.ArgumentList.Add("-rf");
            info.ArgumentList.Add("--one-file-system");
            info.ArgumentList.Add("--");
            info.ArgumentList.Add(directory);
            info.Environment.Clear();
            info.Environment["PATH"] = FrameEnvironment.RqdPath;
            try
            {
                using var process = Process.Start(info)!;
                process.StandardInput.Close();

                // rm reports that it cannot remove the directory itself: expected, and not read.
                var output = process.StandardOutput.ReadToEndAsync();
                var errors = process.StandardError.ReadToEndAsync();
                if (!process.WaitForExit(RemoveTimeout))
                {
                    process.Kill();
                }

                process.WaitForExit();
                Task.WaitAll(output, errors);
            }
            catch (Exception e) when (e is Win32Exception || e is InvalidOperationException || e is IOException)
            {
                RunnerLog.RemoveAsUserFailed(_logger, e, directory, uid);
            }
        }

        private void Chown(string path, FrameIdentity identity)
        {
            int error = NativeMethods.ChangeOwner(path, identity.Uid, identity.Gid);
            if (error != 0)
            {
                throw new IOException("Cannot give " + path + " to uid " + Text(identity.Uid) + ", gid " + Text(identity.Gid) + ": " + Marshal.GetPInvokeErrorMessage(error));
            }
        }

        private bool TryDelete(string path)
        {
            try
            {
                File.Delete(path);
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                RunnerLog.NotRemoved(_logger, path, e.Message);
                return false;
            }
        }

        private static bool TryDeleteDirectory(string path)
        {
            try
            {
                Directory.Delete(path, recursive: false);
                return true;
            }
            catch (DirectoryNotFoundException)
            {
                return true;
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                return false;
            }
        }

        private string Unusable(string why) =>
            "the frame directory base " + BasePath + " cannot be used: " + why
            + " (it must be a real directory owned by uid " + Text(_currentUid) + " and not writable by group or others; remove it to let LocalCue create it)";

        private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
