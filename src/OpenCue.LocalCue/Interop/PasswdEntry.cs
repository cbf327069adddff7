namespace OpenCue.LocalCue.Interop;

/// <summary>The fields of a passwd database entry a frame's identity needs.</summary>
/// <param name="Name">The user name.</param>
/// <param name="Uid">The uid.</param>
/// <param name="Gid">The primary gid.</param>
/// <param name="Home">The home directory.</param>
internal sealed record PasswdEntry(string Name, int Uid, int Gid, string Home);
