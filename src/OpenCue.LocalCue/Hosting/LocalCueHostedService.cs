using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace OpenCue.LocalCue.Hosting;

/// <summary>
/// A LocalCue run by the application's host (<c>AddLocalCue</c>): started with the host, stopped with it;
/// its address published through <see cref="LocalCueEndpoint"/>.
/// </summary>
internal sealed class LocalCueHostedService : IHostedService, IAsyncDisposable
{
    private readonly IOptions<LocalCueOptions> _options;
    private readonly LocalCueEndpoint _endpoint;
    private LocalCuebot? _cuebot;

    public LocalCueHostedService(IOptions<LocalCueOptions> options, LocalCueEndpoint endpoint)
    {
        _options = options;
        _endpoint = endpoint;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            _cuebot = await LocalCuebot.StartAsync(_options.Value, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e)
        {
            _endpoint.Failed(e);
            throw;
        }

        _endpoint.Started(_cuebot);
    }

    public Task StopAsync(CancellationToken cancellationToken) => DisposeAsync().AsTask();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _cuebot, null) is LocalCuebot cuebot)
        {
            _endpoint.Stopped();
            await cuebot.DisposeAsync().ConfigureAwait(false);
        }
    }
}
