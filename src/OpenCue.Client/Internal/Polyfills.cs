// What netstandard2.0 lacks and the client's source uses, so one source builds for .NET Framework 4.8
// and Unity hosts (netstandard2.0) and for net8.0/net10.0. Static extension members (C# 14) stand in
// for the newer static methods, so call sites read the same on every target. The compiler-support
// types it also needs (IsExternalInit, NotNullWhen, NotNull) are OpenCue.Authoring's: they reach this
// assembly through InternalsVisibleTo, and a second copy here would clash with them.
#if NETSTANDARD2_0
using System;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace OpenCue.Client.Internal
{
    /// <summary>The static members newer frameworks have, for the netstandard2.0 build.</summary>
    internal static class Polyfills
    {
        extension(ArgumentNullException)
        {
            /// <summary>Throws when <paramref name="argument"/> is null.</summary>
            public static void ThrowIfNull([NotNull] object? argument, [CallerArgumentExpression(nameof(argument))] string? paramName = null)
            {
                if (argument is null)
                {
                    throw new ArgumentNullException(paramName);
                }
            }
        }

        extension(ObjectDisposedException)
        {
            /// <summary>Throws when <paramref name="condition"/> holds.</summary>
            public static void ThrowIf(bool condition, object instance)
            {
                if (condition)
                {
                    throw new ObjectDisposedException(instance.GetType().FullName);
                }
            }
        }

        extension(OperatingSystem)
        {
            /// <summary>Whether the process runs on Windows.</summary>
            public static bool IsWindows() => System.Runtime.InteropServices.RuntimeInformation.IsOSPlatform(System.Runtime.InteropServices.OSPlatform.Windows);
        }

        extension(Stopwatch)
        {
            /// <summary>The time since <paramref name="startingTimestamp"/>, a <see cref="Stopwatch.GetTimestamp"/> value.</summary>
            public static TimeSpan GetElapsedTime(long startingTimestamp) =>
                TimeSpan.FromTicks((long)((Stopwatch.GetTimestamp() - startingTimestamp) * ((double)TimeSpan.TicksPerSecond / Stopwatch.Frequency)));
        }

        extension(Environment)
        {
            /// <summary>This process's id.</summary>
            public static int ProcessId
            {
                get
                {
                    using var process = Process.GetCurrentProcess();
                    return process.Id;
                }
            }
        }
    }
}

namespace System.Runtime.CompilerServices
{
    [AttributeUsage(AttributeTargets.Parameter)]
    internal sealed class CallerArgumentExpressionAttribute : Attribute
    {
        public CallerArgumentExpressionAttribute(string parameterName) => ParameterName = parameterName;

        public string ParameterName { get; }
    }
}
#endif
