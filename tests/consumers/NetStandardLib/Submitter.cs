using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using OpenCue.Authoring;
using OpenCue.Client;

namespace Consumers
{
    /// <summary>A plug-in's submitter, in C# 7.3: no nullable types, no records, no new().</summary>
    public static class Submitter
    {
        public static Outline Build(string name)
        {
            var job = new Outline(name, shot: "shot010", show: "consumer", user: "artist01");
            job.AddLayer(new Shell("quick", "true").SetFrameRange("1-2"));
            return job;
        }

        public static async Task<string> SubmitAsync(Outline outline, string server, bool wait, CancellationToken cancellationToken)
        {
            var options = new LaunchOptions { Server = server, Wait = wait };
            IReadOnlyList<CueJob> jobs = await Cuerun.LaunchAsync(outline, options, cancellationToken).ConfigureAwait(false);
            return jobs[0].Name;
        }

        public static CueApi Connect(string host)
        {
            var options = new CueClientOptions();
            options.Hosts.Add(host);
            return new CueApi(options);
        }
    }
}
