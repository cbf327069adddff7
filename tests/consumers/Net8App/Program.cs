using System;
using System.Linq;
using OpenCue.Authoring;
using OpenCue.Client;

// A .NET 8 tool: launches a two-frame job to the server in args[0], waits for it, and prints what the
// server says of it. args[1], when given, is the uid the frames run as.
var job = new Outline("net8-tool", shot: "shot010", show: "consumer", user: "artist01");
job.AddLayer(new Shell("quick", "true").SetFrameRange("1-2"));
var options = new LaunchOptions
{
    Server = args[0],
    Wait = true,
    PollInterval = TimeSpan.FromMilliseconds(200),
    Uid = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : null,
};
var launched = (await Cuerun.LaunchAsync(job, options)).Single();
using var api = CueApi.ForHosts(args[0]);
var done = await api.GetJobAsync(launched.Id);
var frames = 0;
await foreach (var frame in done.GetFramesAsync())
{
    frames++;
}

var build = typeof(CueApi).Assembly.GetCustomAttributes(typeof(System.Runtime.Versioning.TargetFrameworkAttribute), false)
    .OfType<System.Runtime.Versioning.TargetFrameworkAttribute>().Single().FrameworkName;
var pending = await api.IsJobPendingAsync(done.Name);
Console.WriteLine($"client build: {build}; runtime: {Environment.Version}; job: {done.Name}; state: {done.State}; frames: {frames}; pending: {pending}");
