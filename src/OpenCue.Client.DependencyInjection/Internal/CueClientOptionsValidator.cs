using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.Extensions.Options;

namespace OpenCue.Client.Internal;

/// <summary>
/// Checks <see cref="CueClientOptions"/> when the host starts, by the options' own rules
/// (<see cref="CueClientOptions.Validate"/>, the one place they live): every problem, each naming its option
/// and value, and the configuration sections the options were bound from.
/// </summary>
internal sealed class CueClientOptionsValidator : IValidateOptions<CueClientOptions>
{
    private readonly string _where;

    public CueClientOptionsValidator(IEnumerable<BoundSection> sections)
    {
        var paths = sections.Select(s => "'" + s.Path + "'").ToList();
        _where = paths.Count == 0 ? string.Empty : " (bound from configuration section " + string.Join(", ", paths) + ")";
    }

    public ValidateOptionsResult Validate(string? name, CueClientOptions options)
    {
        try
        {
            options.Validate();
            return ValidateOptionsResult.Success;
        }
        catch (ArgumentException e)
        {
            return ValidateOptionsResult.Fail(e.Message.TrimEnd('.') + _where + ".");
        }
    }
}

/// <summary>A configuration section the client's options were bound from, named in validation failures.</summary>
internal sealed class BoundSection
{
    public BoundSection(string path)
    {
        Path = path;
    }

    public string Path { get; }
}
