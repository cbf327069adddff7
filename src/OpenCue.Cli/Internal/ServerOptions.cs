using System;
using System.Collections.Generic;
using System.Globalization;
using OpenCue.Client;

namespace OpenCue.Cli.Internal;

/// <summary>
/// How a command reaches its Cuebot: <c>--server</c> (or the environment's hosts) and the deadlines
/// <c>--deadline</c> and, for launch, <c>--launch-deadline</c>; read and checked before anything is sent.
/// Unset deadlines keep <see cref="CueClientOptions"/>' defaults.
/// </summary>
internal sealed record ServerOptions(IReadOnlyList<string> Hosts, TimeSpan? CallDeadline, TimeSpan? LaunchDeadline)
{
    /// <summary>The largest number of seconds a time option accepts (a day).</summary>
    public const double MaxSeconds = 86400;

    /// <summary>Reads <c>--server</c>, <c>--deadline</c> and <c>--launch-deadline</c> (throws <see cref="UsageException"/>).</summary>
    public static ServerOptions Read(ParsedArguments arguments) =>
        new(CueServer.Hosts(arguments), Seconds(arguments, CueServer.DeadlineOption.Name), Seconds(arguments, CueServer.LaunchDeadlineOption.Name));

    /// <summary>
    /// A time option in seconds: a positive number up to <see cref="MaxSeconds"/>, or <see langword="null"/>
    /// when not given. A bad value is a one-line <see cref="UsageException"/>.
    /// </summary>
    public static TimeSpan? Seconds(ParsedArguments arguments, string name)
    {
        var text = arguments.Value(name);
        if (text is null)
        {
            return null;
        }

        return double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var seconds) && seconds > 0 && seconds <= MaxSeconds
            ? TimeSpan.FromSeconds(seconds)
            : throw new UsageException("--" + name + ": '" + text + "' is not a number of seconds; give a positive number up to " +
                MaxSeconds.ToString(CultureInfo.InvariantCulture) + ", e.g. --" + name + " 10.", suggestHelp: false);
    }

    /// <summary>The same deadlines for other hosts (the embedded scheduler's address).</summary>
    public ServerOptions WithHosts(params string[] hosts) => this with { Hosts = hosts };

    /// <summary>A client for these hosts (or the environment's) with these deadlines.</summary>
    public CueApi Connect()
    {
        var options = new CueClientOptions();
        foreach (var host in Hosts)
        {
            options.Hosts.Add(host);
        }

        if (CallDeadline is TimeSpan call)
        {
            options.CallDeadline = call;
        }

        if (LaunchDeadline is TimeSpan launch)
        {
            options.LaunchDeadline = launch;
        }

        try
        {
            return new CueApi(options);
        }
        catch (ArgumentException e)
        {
            throw new UsageException("--server: " + e.Message, e);
        }
    }
}
