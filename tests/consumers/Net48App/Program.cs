using System;
using System.Linq;
using System.Net.Http;
using OpenCue.Authoring;
using OpenCue.Client;

namespace Consumers
{
    /// <summary>A 3ds Max style tool on .NET Framework 4.8: WinHttpHandler, gRPC's default there, set explicitly.</summary>
    public static class Program
    {
        public static int Main(string[] args)
        {
            var job = new Outline("net48-tool", shot: "shot010", show: "consumer", user: "artist01");
            job.AddLayer(new Shell("quick", "true").SetFrameRange("1-2"));
            var client = new CueClientOptions
            {
                Hosts = { args.Length > 0 ? args[0] : "localhost:8443" },
                HttpHandlerFactory = () => new WinHttpHandler(),
            };
            using (var api = new CueApi(client))
            {
                var jobs = Cuerun.Launch(job, new LaunchOptions { Api = api, Wait = true });
                Console.WriteLine("launched " + string.Join(", ", jobs.Select(j => j.Name)));
            }

            return 0;
        }
    }
}
