using OpenCue.LocalCue.Interop;
using OpenCue.LocalCue.Running;
using OpenCue.LocalCue.Tests.Support;

namespace OpenCue.LocalCue.Tests.Running;

/// <summary>
/// FrameOwnership.GiveTo, recursive, as root: everything ends up the user's, links are never
/// followed, and no directory is the new owner's while root still works in it (else the owner could
/// swap a subdirectory for a link to /etc and have root chown what is there).
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class FrameOwnershipTests : IDisposable
{
    private readonly string _root = Directory.CreateTempSubdirectory("localcue-ownership-").FullName;

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Fact]
    public async Task Everything_under_the_path_goes_to_the_user_and_links_are_changed_themselves_never_followed()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        string outside = Directory.CreateDirectory(Path.Combine(_root, "outside")).FullName;
        string outsideFile = Path.Combine(outside, "secret");
        File.WriteAllText(outsideFile, "root's");
        string given = Directory.CreateDirectory(Path.Combine(_root, "given", "a", "b")).FullName;
        string top = Path.Combine(_root, "given");
        File.WriteAllText(Path.Combine(given, "file"), "x");
        File.WriteAllText(Path.Combine(top, "a", "other"), "x");
        string fileLink = Path.Combine(top, "a", "flink");
        string directoryLink = Path.Combine(top, "dlink");
        File.CreateSymbolicLink(fileLink, outsideFile);
        Directory.CreateSymbolicLink(directoryLink, outside);

        FrameOwnership.GiveTo(top, user.Uid, recursive: true);

        foreach (string path in new[] { top, Path.Combine(top, "a"), given, Path.Combine(given, "file"), Path.Combine(top, "a", "other"), fileLink, directoryLink })
        {
            Owner(path).Should().Be((user.Uid, user.Gid), path + " is the user's");
        }

        Owner(outside).Should().Be((0, 0), "a link to a directory is not followed");
        Owner(outsideFile).Should().Be((0, 0), "a link to a file is not followed");
    }

    [Fact]
    public async Task Every_directory_is_still_roots_while_its_entries_are_given_and_is_handed_over_last()
    {
        TestUsers.RequireRoot();
        await using var user = await TestUsers.CreateAsync();
        string top = Path.Combine(_root, "given");
        Directory.CreateDirectory(Path.Combine(top, "a", "b"));
        Directory.CreateDirectory(Path.Combine(top, "c"));
        File.WriteAllText(Path.Combine(top, "a", "b", "file"), "x");

        // Given already once (a re-run): the user owns the tree and could swap entries; root takes each directory first.
        (await TestUsers.RunAsync("/bin/chown", "-R", user.Uid.ToString(System.Globalization.CultureInfo.InvariantCulture), Path.Combine(top, "c"))).Code.Should().Be(0);

        var seen = new List<(string Path, int Uid)>();
        FrameOwnership.GiveTo(top, user.Uid, recursive: true, except: null, options: null, entering: path => seen.Add((path, Owner(path).Uid)));

        seen.Select(s => s.Path).Should().BeEquivalentTo(new[] { top, Path.Combine(top, "a"), Path.Combine(top, "a", "b"), Path.Combine(top, "c") });
        seen.Should().OnlyContain(s => s.Uid == 0, "a directory is still root's while root reads it");
        foreach (string path in Directory.EnumerateFileSystemEntries(top, "*", SearchOption.AllDirectories).Append(top))
        {
            Owner(path).Should().Be((user.Uid, user.Gid), path + " is the user's in the end");
        }
    }

    private static (int Uid, int Gid) Owner(string path)
    {
        NativeMethods.LinkStatus(path, out FileStatus status).Should().Be(0, path);
        return (status.Uid, status.Gid);
    }
}
