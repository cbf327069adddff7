using System.Text;

namespace OpenCue.Authoring.Validation;

/// <summary>One problem found by <see cref="Outline.Validate(Specs.SpecWriterOptions?)"/>, naming the job, the layer and the value.</summary>
public sealed class ValidationProblem
{
    /// <summary>Creates a problem.</summary>
    /// <param name="severity">Error or warning.</param>
    /// <param name="code">A stable code, e.g. <c>layer-chunk</c>; see <see cref="ValidationCodes"/>.</param>
    /// <param name="jobName">The outline name.</param>
    /// <param name="layerName">The layer, when the problem is a layer's.</param>
    /// <param name="value">The offending value, when there is one.</param>
    /// <param name="message">What is wrong and what would be accepted.</param>
    public ValidationProblem(ValidationSeverity severity, string code, string jobName, string? layerName, string? value, string message)
    {
        Severity = severity;
        Code = code;
        JobName = jobName;
        LayerName = layerName;
        Value = value;
        Message = message;
    }

    /// <summary>Error or warning.</summary>
    public ValidationSeverity Severity { get; }

    /// <summary>A stable code for the rule (<see cref="ValidationCodes"/>).</summary>
    public string Code { get; }

    /// <summary>The outline (job) name.</summary>
    public string JobName { get; }

    /// <summary>The layer, or <see langword="null"/> for a job-level problem.</summary>
    public string? LayerName { get; }

    /// <summary>The offending value, or <see langword="null"/>.</summary>
    public string? Value { get; }

    /// <summary>What is wrong and what would be accepted.</summary>
    public string Message { get; }

    /// <summary>One line: severity, code, job, layer, message and value.</summary>
    /// <returns>The line.</returns>
    public override string ToString()
    {
        var text = new StringBuilder();
        text.Append(Severity == ValidationSeverity.Error ? "error" : "warning").Append(" [").Append(Code).Append("] job '").Append(JobName).Append('\'');
        if (LayerName != null)
        {
            text.Append(" layer '").Append(LayerName).Append('\'');
        }

        text.Append(": ").Append(Message);
        if (Value != null)
        {
            text.Append(" (value: '").Append(Value).Append("')");
        }

        return text.ToString();
    }
}
