using System.Text;

namespace OpenCue.Cli.Tests.Support;

/// <summary>A string writer that a test may read while a command running on another thread writes to it.</summary>
public sealed class LockedWriter : TextWriter
{
    private readonly StringBuilder _text = new();

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(string? value)
    {
        lock (_text)
        {
            _text.Append(value);
        }
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_text)
        {
            _text.Append(buffer, index, count);
        }
    }

    public override string ToString()
    {
        lock (_text)
        {
            return _text.ToString();
        }
    }

    /// <summary>Waits until the text contains <paramref name="fragment"/>; the timeout only guards against a hang.</summary>
    public async Task WaitForAsync(string fragment, Task? running = null, int timeoutSeconds = 90)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(timeoutSeconds));
        while (!ToString().Contains(fragment, StringComparison.Ordinal))
        {
            if (running is { IsCompleted: true })
            {
                throw new InvalidOperationException("The command ended before writing '" + fragment + "': " + ToString());
            }

            await Task.Delay(20, guard.Token);
        }
    }
}
