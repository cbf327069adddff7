using System;
using System.Diagnostics;
using System.Globalization;
using OpenCue.Authoring;

namespace OpenCue.Benchmarks;

/// <summary>
/// <c>-- --loop build|validate|serialize|all|parse:TEXT N SECONDS</c>: repeats one operation for a while,
/// for a profiler to attach to (<c>dotnet-trace collect -- ... --loop validate 2000 10</c>).
/// </summary>
internal static class ProfileLoop
{
    public static int Run(string[] args)
    {
        var what = args[0];
        var n = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2000;
        var seconds = args.Length > 2 ? double.Parse(args[2], CultureInfo.InvariantCulture) : 10;
        var outline = ReferenceJob.Build(n);
        var options = ReferenceJob.Options();
        var raw = ReferenceJob.Options(validate: false);
        var range = FrameSet.Parse("1-100000");
        var watch = Stopwatch.StartNew();
        var count = 0;
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            switch (what)
            {
                case "build": GC.KeepAlive(ReferenceJob.Build(n)); break;
                case "build-nodepends": GC.KeepAlive(ReferenceJob.Build(n, addLayers: true, depends: false)); break;
                case "build-noadd": GC.KeepAlive(ReferenceJob.Build(n, addLayers: false, depends: true)); break;
                case "validate": GC.KeepAlive(outline.Validate(options)); break;
                case "serialize": GC.KeepAlive(OpenCue.Authoring.Specs.SpecWriter.Write(outline, raw)); break;
                case "all": GC.KeepAlive(ReferenceJob.Build(n).ToSpec(options)); break;
                case "launch":
                case "launch-file":
                    var spec = ReferenceJob.Build(n).ToSpec(ReferenceJob.Options(paused: true));
                    var fixture = LocalCueFixture.StartAsync(what == "launch", 2).GetAwaiter().GetResult();
                    var started = Stopwatch.StartNew();
                    fixture.Api.LaunchSpecAndWaitAsync(spec).GetAwaiter().GetResult();
                    Console.WriteLine($"launch: {started.Elapsed.TotalMilliseconds:F0} ms");
                    fixture.DisposeAsync().AsTask().GetAwaiter().GetResult();
                    break;
                case "chunk": GC.KeepAlive(Chunking.GetChunks(range, 7)); break;
                case "chunkstarts": GC.KeepAlive(Chunking.GetChunkStarts(range, 7)); break;
                default:
                    if (what.StartsWith("parse:", StringComparison.Ordinal))
                    {
                        GC.KeepAlive(FrameSet.Parse(what.Substring(6)));
                        break;
                    }

                    throw new ArgumentException("unknown loop " + what);
            }

            count++;
        }

        Console.WriteLine($"{what} N={n}: {count} runs, {watch.Elapsed.TotalMilliseconds / count:F3} ms each");
        return 0;
    }
}
