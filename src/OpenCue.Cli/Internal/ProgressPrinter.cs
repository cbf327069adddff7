using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using OpenCue.Client;

namespace OpenCue.Cli.Internal;

/// <summary>
/// Shows the progress of a job being waited on or tested. On a terminal, a block of lines (the job,
/// then one progress bar per layer) redrawn in place at each poll; otherwise one plain line per layer
/// whose counts changed, so a log or a pipe gets a readable history. Messages (a frame died) go above
/// the block. The first report prints the job name, as launching without waiting does.
/// </summary>
internal sealed class ProgressPrinter : IProgress<JobProgress>
{
    private const int BarWidth = 24;
    private readonly CliContext _context;
    private readonly object _gate = new();
    private readonly Dictionary<string, string> _lastLines = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _dead = new(StringComparer.Ordinal);
    private readonly HashSet<string> _named = new(StringComparer.Ordinal);
    private List<string> _block = new();
    private int _drawn;

    public ProgressPrinter(CliContext context)
    {
        _context = context;
    }

    /// <summary>Called (once per report) when frames died since the last report: the layer names and their dead counts.</summary>
    public Action<JobProgress, IReadOnlyList<(string Layer, int Dead)>>? FramesDied { get; set; }

    /// <summary>The last report.</summary>
    public JobProgress? Last { get; private set; }

    /// <summary>The job names printed so far.</summary>
    public IReadOnlyCollection<string> Named => _named;

    public void Report(JobProgress value)
    {
        List<(string, int)> died;
        lock (_gate)
        {
            Last = value;
            if (_named.Add(value.JobName))
            {
                WriteAbove(value.JobName);
            }

            died = new List<(string, int)>();
            foreach (var layer in value.Layers)
            {
                _dead.TryGetValue(layer.Name, out var before);
                if (layer.Stats.DeadFrames > before)
                {
                    died.Add((layer.Name, layer.Stats.DeadFrames));
                }

                _dead[layer.Name] = layer.Stats.DeadFrames;
            }

            if (_context.IsTerminal)
            {
                _block = Block(value);
                Redraw();
            }
            else
            {
                WritePlain(value);
            }
        }

        if (died.Count > 0)
        {
            FramesDied?.Invoke(value, died);
        }
    }

    /// <summary>Prints a line on stdout above the progress block.</summary>
    public void Message(string line)
    {
        lock (_gate)
        {
            WriteAbove(line);
        }
    }

    /// <summary>Prints a job name if no report printed it (launch without a report).</summary>
    public void Name(string jobName)
    {
        lock (_gate)
        {
            if (_named.Add(jobName))
            {
                WriteAbove(jobName);
            }
        }
    }

    /// <summary>Leaves the last block on screen; later output goes below it.</summary>
    public void Finish()
    {
        lock (_gate)
        {
            _drawn = 0;
            _block.Clear();
            _context.Stdout.Flush();
        }
    }

    private void WriteAbove(string line)
    {
        if (_context.IsTerminal && _drawn > 0)
        {
            // Up to the block's first line, clear to the end of the screen, write, redraw the block.
            _context.Stdout.Write("\u001b[" + _drawn + "F\u001b[J");
            _drawn = 0;
            _context.Out(line);
            Redraw();
            return;
        }

        _context.Out(line);
        _context.Stdout.Flush();
    }

    private void Redraw()
    {
        var text = new StringBuilder();
        if (_drawn > 0)
        {
            text.Append("\u001b[").Append(_drawn).Append('F');
        }

        foreach (var line in _block)
        {
            text.Append("\u001b[2K").Append(line).Append('\n');
        }

        if (_drawn > _block.Count)
        {
            text.Append("\u001b[J");
        }

        _context.Stdout.Write(text.ToString());
        _context.Stdout.Flush();
        _drawn = _block.Count;
    }

    private void WritePlain(JobProgress value)
    {
        foreach (var layer in value.Layers)
        {
            var line = layer.Name + ": " + Counts(layer.Stats.SucceededFrames + layer.Stats.EatenFrames, layer.Stats.TotalFrames,
                layer.Stats.RunningFrames, layer.Stats.WaitingFrames, layer.Stats.DependFrames, layer.Stats.DeadFrames, layer.Stats.EatenFrames);
            var key = value.JobName + "\n" + layer.Name;
            if (!_lastLines.TryGetValue(key, out var last) || last != line)
            {
                _lastLines[key] = line;
                _context.Out(line);
            }
        }

        _context.Stdout.Flush();
    }

    private static List<string> Block(JobProgress value)
    {
        var stats = value.Stats;
        var lines = new List<string>
        {
            value.JobName + "  " + Format.State(value.State) + "  " + Format.Number(value.Done) + "/" + Format.Number(stats.TotalFrames) + " done  " +
            Format.Duration(value.Elapsed),
        };
        var width = value.Layers.Select(l => l.Name.Length).DefaultIfEmpty(0).Max();
        var countWidth = value.Layers.Select(l => (l.Stats.TotalFrames.ToString(System.Globalization.CultureInfo.InvariantCulture).Length * 2) + 1).DefaultIfEmpty(3).Max();
        foreach (var layer in value.Layers)
        {
            var s = layer.Stats;
            var done = s.SucceededFrames + s.EatenFrames;
            var filled = s.TotalFrames == 0 ? BarWidth : (int)Math.Round((double)done * BarWidth / s.TotalFrames);
            var bar = new string('█', filled) + new string('░', BarWidth - filled);
            var counts = (Format.Number(done) + "/" + Format.Number(s.TotalFrames)).PadLeft(countWidth);
            var extra = new List<string>();
            if (s.RunningFrames > 0)
            {
                extra.Add(Format.Number(s.RunningFrames) + " running");
            }

            if (s.DeadFrames > 0)
            {
                extra.Add(Format.Number(s.DeadFrames) + " dead");
            }

            if (s.EatenFrames > 0)
            {
                extra.Add(Format.Number(s.EatenFrames) + " eaten");
            }

            lines.Add(("  " + layer.Name.PadRight(width) + "  " + bar + "  " + counts + "  " + string.Join(", ", extra)).TrimEnd());
        }

        return lines;
    }

    private static string Counts(int done, int total, int running, int waiting, int depend, int dead, int eaten) =>
        Format.Number(done) + "/" + Format.Number(total) + " done, " + Format.Number(running) + " running, " + Format.Number(waiting + depend) +
        " waiting, " + Format.Number(dead) + " dead" + (eaten > 0 ? ", " + Format.Number(eaten) + " eaten" : string.Empty);
}
