using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using OpenCue.Cli.Internal;
using OpenCue.Client;

namespace OpenCue.Cli.Commands;

/// <summary>A command that talks to a Cuebot: <c>--server</c> or the environment's hosts, JOB resolution, exit code 3.</summary>
internal abstract class ServerCommand : CliCommand
{
    /// <summary>The command's own options; <c>--server</c>, <c>--deadline</c> (and <c>--json</c> when <see cref="HasJson"/>) are added.</summary>
    protected abstract IReadOnlyList<OptionDefinition> OwnOptions { get; }

    /// <summary>Whether the command has <c>--json</c>.</summary>
    protected virtual bool HasJson => true;

    /// <summary>What exit code 0 means.</summary>
    protected abstract string Success { get; }

    public override IReadOnlyList<OptionDefinition> Options =>
        OwnOptions.Concat(HasJson ? new[] { CueServer.JsonOption } : Array.Empty<OptionDefinition>()).Concat(new[] { CueServer.Option, CueServer.DeadlineOption }).ToList();

    protected override string? Notes => CueServer.EnvironmentHelp;

    protected override string ExitCodes => ServerExitCodes(Success);

    internal static string ServerExitCodes(string success) =>
        "  0  " + success + "\n" +
        "  2  invalid input or usage (unknown option, bad value), or JOB or --layer names nothing on the Cuebot;\n" +
        "     the message is on stderr and nothing is on stdout\n" +
        "  3  the Cuebot could not be reached, did not answer within --deadline, or answered with an error; the\n" +
        "     message is on stderr and nothing is on stdout";

    public override int Run(ParsedArguments arguments, CliContext context)
    {
        var server = ServerOptions.Read(arguments);
        CheckArguments(arguments);
        using var api = server.Connect();
        return RunAsync(arguments, context, api).GetAwaiter().GetResult();
    }

    /// <summary>Checks what can be checked before connecting (throws <see cref="UsageException"/>).</summary>
    protected virtual void CheckArguments(ParsedArguments arguments)
    {
    }

    protected abstract Task<int> RunAsync(ParsedArguments arguments, CliContext context, CueApi api);

    /// <summary>The one JOB argument.</summary>
    protected static string JobArgument(ParsedArguments arguments)
    {
        if (arguments.Positionals.Count == 1)
        {
            return arguments.Positionals[0];
        }

        throw new UsageException(arguments.Positionals.Count == 0
            ? "missing JOB. " + CueServer.JobHelp
            : "one JOB is accepted, got " + arguments.Positionals.Count.ToString(CultureInfo.InvariantCulture) + " arguments: " + string.Join(" ", arguments.Positionals) + ".");
    }
}
