using System;
using System.Threading;
using System.Threading.Tasks;

namespace OpenCue.LocalCue;

/// <summary>
/// Where a LocalCue hosted by <c>AddLocalCue</c> serves, once the host has started it: inject it to point a
/// client at the scheduler (its port is chosen at start when <see cref="LocalCueOptions.Port"/> is 0).
/// </summary>
public sealed class LocalCueEndpoint
{
    private readonly TaskCompletionSource<LocalCuebot> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _stopped;

    internal LocalCueEndpoint()
    {
    }

    /// <summary>Whether the scheduler is serving: started, and not stopped since.</summary>
    public bool IsStarted => _started.Task.IsCompletedSuccessfully && !_stopped;

    /// <summary>The running scheduler.</summary>
    /// <exception cref="InvalidOperationException">The host has not started it yet, it failed to start, or it has stopped.</exception>
    public LocalCuebot Cuebot
    {
        get
        {
            if (_stopped)
            {
                throw new InvalidOperationException("The hosted LocalCue has stopped.");
            }

            if (_started.Task.IsFaulted)
            {
                throw new InvalidOperationException("The hosted LocalCue failed to start: " + _started.Task.Exception!.GetBaseException().Message, _started.Task.Exception!.GetBaseException());
            }

            return _started.Task.IsCompletedSuccessfully
                ? _started.Task.Result
                : throw new InvalidOperationException("The hosted LocalCue has not started yet: its address is known once the host has started it (after IHost.StartAsync, or await WaitForStartAsync).");
        }
    }

    /// <summary>Where clients connect, <c>host:port</c> (e.g. <c>127.0.0.1:40123</c>): a host for <c>CueClientOptions.Hosts</c>.</summary>
    /// <exception cref="InvalidOperationException">Not started (see <see cref="Cuebot"/>).</exception>
    public string Address => Cuebot.Address;

    /// <summary>The Unix socket address, <c>unix:PATH</c>; <see langword="null"/> without <see cref="LocalCueOptions.UnixSocketPath"/>.</summary>
    /// <exception cref="InvalidOperationException">Not started (see <see cref="Cuebot"/>).</exception>
    public string? UnixSocketAddress => Cuebot.UnixSocketAddress;

    /// <summary>Waits until the host has started the scheduler.</summary>
    /// <param name="cancellationToken">Stops waiting.</param>
    /// <returns>The running scheduler.</returns>
    /// <exception cref="Exception">The start failed: its own exception (e.g. <see cref="System.IO.IOException"/> for a port in use).</exception>
    public Task<LocalCuebot> WaitForStartAsync(CancellationToken cancellationToken = default) =>
        _started.Task.WaitAsync(cancellationToken);

    internal void Started(LocalCuebot cuebot) => _started.TrySetResult(cuebot);

    internal void Failed(Exception error) => _started.TrySetException(error);

    internal void Stopped() => _stopped = true;
}
