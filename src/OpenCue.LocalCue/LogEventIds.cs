// Event ids of OpenCue.LocalCue's [LoggerMessage] methods: 3000-4999, one block of 100 per
// component, each block in one *Log.cs class. Take the next free number of the component's block;
// a new component takes the next free block and is added here. Never reuse a retired id.
//
//   30xx  Running/RunnerLog.cs         running frames: processes, users, frame directories (3016 retired)
//   31xx  Scheduling/SchedulerLog.cs   the scheduler: jobs, dispatch, frame ends, kills
//   40xx  GrpcServices/AccessLog.cs    access control
//   41xx  Intake/IntakeLog.cs          job specs and calls refused or failed (4102 retired)
//   42xx  Hosting/HostingLog.cs        start, stop, listening, access rule, Unix socket (4205 retired)
//
// OpenCue.Authoring uses 1000-1999 and OpenCue.Client 2000-2999, so that an id names one message
// wherever the three libraries log to the same place (cuerun).
