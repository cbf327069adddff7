using Microsoft.Extensions.Logging;
using OpenCue.Authoring.Specs;

namespace OpenCue.Authoring.Tests.Json;

/// <summary>Shared inputs of the PyOutline JSON tests.</summary>
internal static class JsonTestSupport
{
    /// <summary>The tutorial's sequential pipeline (<see cref="Support.Tutorial.CreateBasicPipeline"/>) as a PyOutline JSON file.</summary>
    public const string TutorialJson = """
        {
          "name": "sequential-pipeline-v001",
          "show": "demo-project",
          "shot": "shot010",
          "user": "artist01",
          "layers": [
            {
              "name": "asset-prep",
              "module": "outline.modules.shell.Shell",
              "command": ["python", "/shared/scripts/prep_assets.py", "--shot", "shot010",
                          "--frame", "#IFRAME#", "--output", "/shared/cache/shot010/"],
              "range": "1-100",
              "cores": 1,
              "memory": "2048m",
              "service": "python"
            },
            {
              "name": "beauty-render",
              "module": "outline.modules.shell.Shell",
              "command": ["/usr/local/blender/blender", "-b", "/shared/scenes/shot010.blend",
                          "-o", "/shared/renders/shot010/beauty_####.exr", "-f", "#IFRAME#"],
              "range": "1-100",
              "cores": 4,
              "memory": "8192m",
              "service": "blender",
              "require": "asset-prep"
            },
            {
              "name": "composite",
              "module": "outline.modules.shell.Shell",
              "command": ["nuke", "-x", "/shared/scripts/shot010_comp.nk", "--frame-range", "#IFRAME#-#IFRAME#"],
              "range": "1-100",
              "cores": 2,
              "memory": "4096m",
              "service": "nuke",
              "require": ["beauty-render"]
            }
          ]
        }
        """;

    public static SpecWriterOptions Options(bool validate = true) => new() { Uid = 1000, Facility = "local", Validate = validate };

    /// <summary>A JSON outline with one Shell layer carrying the given extra layer members (JSON text without braces).</summary>
    public static string OneLayer(string members, string module = "outline.modules.shell.Shell") =>
        "{\"name\": \"job\", \"user\": \"tester\", \"layers\": [{\"name\": \"render\", \"module\": \"" + module + "\"" +
        (members.Length > 0 ? ", " + members : string.Empty) + "}]}";

    public static Layer LoadOneLayer(string members, string module = "outline.modules.shell.Shell") =>
        OpenCue.Authoring.Json.PyOutlineJson.Load(OneLayer(members, module)).GetLayer("render");
}

/// <summary>Collects log entries.</summary>
internal sealed class CapturingLogger : ILogger
{
    public List<(LogLevel Level, string Message)> Entries { get; } = new();

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
        Entries.Add((logLevel, formatter(state, exception)));
}
