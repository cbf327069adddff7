namespace OpenCue.Client;

/// <summary>The Cuebot's own counters (<see cref="CueApi.GetSystemStatsAsync"/>): its thread pools and booking totals since it started.</summary>
public sealed record SystemStats
{
    /// <summary>Cuebot's "manage" thread pool.</summary>
    public QueueStats Manage { get; init; } = new();

    /// <summary>Cuebot's "dispatch" thread pool.</summary>
    public QueueStats Dispatch { get; init; } = new();

    /// <summary>Cuebot's "report" thread pool.</summary>
    public QueueStats Report { get; init; } = new();

    /// <summary>Cuebot's "booking" thread pool.</summary>
    public QueueStats Booking { get; init; } = new();

    /// <summary>Host balancing runs that succeeded.</summary>
    public long HostBalanceSuccess { get; init; }

    /// <summary>Host balancing runs that failed.</summary>
    public long HostBalanceFailed { get; init; }

    /// <summary>Procs killed for using too much.</summary>
    public long KilledOffenderProcs { get; init; }

    /// <summary>Procs killed for running out of memory.</summary>
    public long KilledOomProcs { get; init; }

    /// <summary>Procs cleared.</summary>
    public long ClearedProcs { get; init; }

    /// <summary>Booking errors.</summary>
    public long BookingErrors { get; init; }

    /// <summary>Booking retries.</summary>
    public long BookingRetries { get; init; }

    /// <summary>Procs booked.</summary>
    public long BookedProcs { get; init; }

    /// <summary>Requests for data.</summary>
    public long RequestsForData { get; init; }

    /// <summary>Requests for a function.</summary>
    public long RequestsForFunction { get; init; }

    /// <summary>Requests that failed.</summary>
    public long RequestErrors { get; init; }

    /// <summary>Procs unbooked.</summary>
    public long UnbookedProcs { get; init; }

    /// <summary>Cores picked up.</summary>
    public long PickedUpCores { get; init; }

    /// <summary>Cores stranded.</summary>
    public long StrandedCores { get; init; }

    /// <summary>Procs whose release was deferred.</summary>
    public long DeferredReleaseProcs { get; init; }
}

/// <summary>One of the Cuebot's thread pools in <see cref="SystemStats"/>.</summary>
public sealed record QueueStats
{
    /// <summary>Tasks waiting in the queue.</summary>
    public int Waiting { get; init; }

    /// <summary>Room left in the queue.</summary>
    public int RemainingCapacity { get; init; }

    /// <summary>Threads of the pool.</summary>
    public int Threads { get; init; }

    /// <summary>Tasks run since start.</summary>
    public long Executed { get; init; }

    /// <summary>Tasks refused since start.</summary>
    public long Rejected { get; init; }

    /// <summary>For the booking pool only: how long it sleeps between passes, in milliseconds (0 for the others).</summary>
    public int SleepMilliseconds { get; init; }
}
