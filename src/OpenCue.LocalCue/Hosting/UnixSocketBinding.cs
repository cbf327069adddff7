using System;
using System.Globalization;
using System.IO;
using System.Net.Sockets;
using System.Text;
using OpenCue.LocalCue.Access;
using OpenCue.LocalCue.Interop;

namespace OpenCue.LocalCue;

/// <summary>
/// Puts LocalCue's Unix socket at a path safely: Kestrel binds it inside a fresh directory of mode
/// 0700 next to the path (nobody else can reach it there), it is set to mode 0600 and checked, then
/// renamed onto the path in one step and the directory removed. A path that exists is replaced only when it is a stale socket
/// of LocalCue's own user (nothing listens on it); anything else there is an error.
/// </summary>
internal sealed class UnixSocketBinding : IDisposable
{
    /// <summary>The mode of the socket: read and write for its owner only (0600).</summary>
    internal const UnixFileMode SocketMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary><c>sizeof(sun_path)</c> less the terminating NUL.</summary>
    private const int MaxPathBytes = 107;

    private const int NoSuchFile = 2;

    private readonly string _directory;
    private ulong? _inode;

    private UnixSocketBinding(string path, string directory)
    {
        Path = path;
        _directory = directory;
        BindPath = System.IO.Path.Combine(directory, "s");
    }

    /// <summary>Where clients connect.</summary>
    public string Path { get; }

    /// <summary>Where Kestrel binds first, inside the private directory.</summary>
    public string BindPath { get; }

    /// <summary>Whether a stale socket was found at <see cref="Path"/> (it is replaced by <see cref="Publish"/>).</summary>
    public bool ReplacesStaleSocket { get; private set; }

    /// <summary>Checks the path and makes the private directory to bind in.</summary>
    /// <param name="path">The socket path (absolute).</param>
    /// <returns>The binding.</returns>
    /// <exception cref="IOException">The path is taken, too long, or its directory cannot be used; the message says which.</exception>
    public static UnixSocketBinding Prepare(string path)
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("LocalCue's Unix socket needs Linux.");
        }

        if (Encoding.UTF8.GetByteCount(path) > MaxPathBytes)
        {
            throw new IOException("the socket path " + path + " is longer than " + MaxPathBytes.ToString(CultureInfo.InvariantCulture) + " bytes");
        }

        var parent = System.IO.Path.GetDirectoryName(path);
        if (string.IsNullOrEmpty(parent) || !Directory.Exists(parent))
        {
            throw new IOException("the directory of the socket path " + path + " does not exist");
        }

        var stale = CheckExisting(path);
        var directory = NativeMethods.MakeTemporaryDirectory(System.IO.Path.Combine(parent, ".localcue-XXXXXX"), out var error);
        if (directory is null)
        {
            throw new IOException("cannot create a private directory in " + parent + " for the socket (errno " + error.ToString(CultureInfo.InvariantCulture) + ")");
        }

        var binding = new UnixSocketBinding(path, directory) { ReplacesStaleSocket = stale };
        if (Encoding.UTF8.GetByteCount(binding.BindPath) > MaxPathBytes)
        {
            binding.Dispose();
            throw new IOException("the socket path " + path + " is too long to be bound safely; use a shorter one");
        }

        return binding;
    }

    /// <summary>Once Kestrel listens on <see cref="BindPath"/>: mode 0600, checked, then renamed onto <see cref="Path"/>.</summary>
    /// <exception cref="IOException">The socket is not as expected or cannot be moved.</exception>
    public void Publish()
    {
        if (!OperatingSystem.IsLinux())
        {
            throw new PlatformNotSupportedException("LocalCue's Unix socket needs Linux.");
        }

        File.SetUnixFileMode(BindPath, SocketMode);
        var error = NativeMethods.LinkStatus(BindPath, out var status);
        if (error != 0 || !status.IsSocket || status.Permissions != (int)SocketMode || status.Uid != NativeMethods.GetEffectiveUserId())
        {
            throw new IOException("the socket bound at " + BindPath + " is not a socket of mode 0600 owned by this user");
        }

        error = NativeMethods.Rename(BindPath, Path);
        if (error != 0)
        {
            throw new IOException("cannot move the socket to " + Path + " (errno " + error.ToString(CultureInfo.InvariantCulture) + ")");
        }

        _inode = status.Inode;
        RemoveDirectory();
    }

    /// <summary>Removes the socket (when it is still the one published) and the private directory.</summary>
    public void Dispose()
    {
        if (_inode is ulong inode && NativeMethods.LinkStatus(Path, out var status) == 0 && status.IsSocket && status.Inode == inode)
        {
            File.Delete(Path);
        }

        _inode = null;
        RemoveDirectory();
    }

    private void RemoveDirectory()
    {
        try
        {
            if (Directory.Exists(_directory))
            {
                Directory.Delete(_directory, recursive: true);
            }
        }
        catch (IOException)
        {
        }
    }

    /// <summary>Nothing there: false. A stale socket of this user: true. Anything else: an error.</summary>
    private static bool CheckExisting(string path)
    {
        var error = NativeMethods.LinkStatus(path, out var status);
        if (error == NoSuchFile)
        {
            return false;
        }

        if (error != 0)
        {
            throw new IOException("cannot check the socket path " + path + " (errno " + error.ToString(CultureInfo.InvariantCulture) + ")");
        }

        if (!status.IsSocket)
        {
            throw new IOException(path + " exists and is not a socket; LocalCue will not replace it");
        }

        if (status.Uid != NativeMethods.GetEffectiveUserId())
        {
            throw new IOException(path + " is a socket of uid " + status.Uid.ToString(CultureInfo.InvariantCulture) + "; LocalCue only replaces its own user's");
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (SocketException e)
        {
            throw new IOException("cannot check whether a server listens on " + path + ": " + e.Message, e);
        }

        throw new IOException(path + " is in use: a server is listening on it");
    }
}
