using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace OpenCue.Cli.Internal;

/// <summary>A fixed-width text table like cueadmin's and cueman's listings: a header row, then one row per item.</summary>
internal sealed class TextTable
{
    private readonly string[] _headers;
    private readonly bool[] _rightAligned;
    private readonly List<string[]> _rows = new();

    /// <summary>Creates a table; a header ending in <c>&gt;</c> is right-aligned (the marker is not printed).</summary>
    public TextTable(params string[] headers)
    {
        _rightAligned = headers.Select(h => h.EndsWith('>')).ToArray();
        _headers = headers.Select(h => h.TrimEnd('>')).ToArray();
    }

    public int Count => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != _headers.Length)
        {
            throw new ArgumentException("A row has " + cells.Length + " cells; the table has " + _headers.Length + " columns.", nameof(cells));
        }

        _rows.Add(cells);
    }

    /// <summary>The table, lines ending in <c>\n</c>, columns two spaces apart, no trailing spaces.</summary>
    public override string ToString()
    {
        var widths = _headers.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var text = new StringBuilder();
        Append(text, _headers, widths);
        foreach (var row in _rows)
        {
            Append(text, row, widths);
        }

        return text.ToString();
    }

    private void Append(StringBuilder text, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(_rightAligned[i] ? cells[i].PadLeft(widths[i]) : cells[i].PadRight(widths[i]));
        }

        text.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
