using System;
using Microsoft.AspNetCore.Connections;

namespace OpenCue.LocalCue.Access;

/// <summary>Kestrel connection middleware: gives every connection a <see cref="PeerIdentityFeature"/>.</summary>
internal static class PeerIdentityMiddleware
{
    /// <summary>Adds the middleware to a listener (<c>ListenOptions.Use(PeerIdentityMiddleware.Create)</c>).</summary>
    /// <param name="next">The rest of the connection pipeline.</param>
    /// <returns>The pipeline with the feature set first.</returns>
    public static ConnectionDelegate Create(ConnectionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(next);
        return connection =>
        {
            connection.Features.Set(new PeerIdentityFeature(connection));
            return next(connection);
        };
    }
}
