using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Net;

namespace OpenCue.LocalCue.Access;

/// <summary>
/// Finds who owns the client end of a loopback TCP connection from <c>/proc/net/tcp</c> and
/// <c>/proc/net/tcp6</c>: the ESTABLISHED row whose local address is the client's endpoint and whose
/// remote address is the server's (the server's own row is the reverse and is never taken).
/// </summary>
internal static class ProcNetTcp
{
    /// <summary>Most rows read from one file; a machine with more sockets leaves the caller unidentified.</summary>
    internal const int MaxRows = 200_000;

    /// <summary>Most characters of one row; longer lines are not rows of this format.</summary>
    internal const int MaxLineLength = 512;

    private const string Established = "01";

    /// <summary>The uid owning the client socket of a loopback connection.</summary>
    /// <param name="client">The connection's remote endpoint as the server sees it.</param>
    /// <param name="server">The connection's local endpoint as the server sees it.</param>
    /// <param name="problem">Why no uid was found.</param>
    /// <returns>The uid, or <see langword="null"/>.</returns>
    public static uint? FindOwner(IPEndPoint client, IPEndPoint server, out string? problem)
    {
        var found = new HashSet<uint>();
        foreach (var file in new[] { "/proc/net/tcp", "/proc/net/tcp6" })
        {
            try
            {
                using var reader = new StreamReader(file);
                if (!Collect(ReadRows(reader), client, server, found))
                {
                    problem = file + " has more than " + MaxRows.ToString(CultureInfo.InvariantCulture) + " rows";
                    return null;
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                problem = file + " could not be read: " + e.Message;
                return null;
            }
        }

        return Single(found, client, out problem);
    }

    /// <summary>The same search over rows already read (both files' rows, headers allowed).</summary>
    /// <param name="lines">The lines.</param>
    /// <param name="client">The client endpoint.</param>
    /// <param name="server">The server endpoint.</param>
    /// <param name="problem">Why no uid was found.</param>
    /// <returns>The uid, or <see langword="null"/>.</returns>
    internal static uint? FindOwner(IEnumerable<string> lines, IPEndPoint client, IPEndPoint server, out string? problem)
    {
        var found = new HashSet<uint>();
        if (!Collect(lines, client, server, found))
        {
            problem = "more than " + MaxRows.ToString(CultureInfo.InvariantCulture) + " rows";
            return null;
        }

        return Single(found, client, out problem);
    }

    /// <summary>Parses one row: <c>sl local rem st tx:rx tr:when retrnsmt uid ...</c>.</summary>
    /// <param name="line">The line.</param>
    /// <param name="row">The row.</param>
    /// <returns><see langword="false"/> for the header or anything malformed.</returns>
    internal static bool TryParseRow(string line, out TcpRow row)
    {
        row = default;
        if (line.Length > MaxLineLength)
        {
            return false;
        }

        var fields = line.Split(' ', 9, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (fields.Length < 8 || !fields[0].EndsWith(':') ||
            !TryParseEndpoint(fields[1], out var local) || !TryParseEndpoint(fields[2], out var remote) ||
            fields[3].Length != 2 || !uint.TryParse(fields[7], NumberStyles.None, CultureInfo.InvariantCulture, out var uid))
        {
            return false;
        }

        row = new TcpRow(local, remote, fields[3], uid);
        return true;
    }

    /// <summary>
    /// Parses <c>0100007F:1F90</c> (IPv4) or 32 hex digits <c>:PORT</c> (IPv6): the address is the kernel's
    /// in-memory bytes printed as 32-bit words in host byte order; the port is a plain hex number.
    /// </summary>
    /// <param name="text">The field.</param>
    /// <param name="endpoint">The endpoint, IPv4-mapped IPv6 addresses turned into IPv4.</param>
    /// <returns>Whether it parsed.</returns>
    internal static bool TryParseEndpoint(string text, out IPEndPoint endpoint)
    {
        endpoint = null!;
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon != 8 && colon != 32)
        {
            return false;
        }

        if (text.Length != colon + 5 || !ushort.TryParse(text.AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var port))
        {
            return false;
        }

        var bytes = new byte[colon / 2];
        for (var word = 0; word < colon / 8; word++)
        {
            if (!uint.TryParse(text.AsSpan(word * 8, 8), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            var span = bytes.AsSpan(word * 4, 4);
            if (BitConverter.IsLittleEndian)
            {
                BinaryPrimitives.WriteUInt32LittleEndian(span, value);
            }
            else
            {
                BinaryPrimitives.WriteUInt32BigEndian(span, value);
            }
        }

        endpoint = new IPEndPoint(Normalize(new IPAddress(bytes)), port);
        return true;
    }

    /// <summary>An IPv4-mapped IPv6 address as IPv4; others unchanged.</summary>
    /// <param name="address">The address.</param>
    /// <returns>The address to compare.</returns>
    internal static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;

    private static bool Collect(IEnumerable<string> lines, IPEndPoint client, IPEndPoint server, HashSet<uint> found)
    {
        var clientAddress = Normalize(client.Address);
        var serverAddress = Normalize(server.Address);
        var rows = 0;
        foreach (var line in lines)
        {
            if (++rows > MaxRows + 1)
            {
                return false;
            }

            if (TryParseRow(line, out var row) && row.State == Established &&
                row.Local.Port == client.Port && row.Remote.Port == server.Port &&
                row.Local.Address.Equals(clientAddress) && row.Remote.Address.Equals(serverAddress))
            {
                found.Add(row.Uid);
            }
        }

        return true;
    }

    private static IEnumerable<string> ReadRows(StreamReader reader)
    {
        string? line;
        while ((line = reader.ReadLine()) != null)
        {
            yield return line;
        }
    }

    private static uint? Single(HashSet<uint> found, IPEndPoint client, out string? problem)
    {
        switch (found.Count)
        {
            case 1:
                problem = null;
                foreach (var uid in found)
                {
                    return uid;
                }

                return null;
            case 0:
                problem = "no established socket of this machine has the local address " + client;
                return null;
            default:
                problem = "several sockets with different owners have the local address " + client;
                return null;
        }
    }
}
