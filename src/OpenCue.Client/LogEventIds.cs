// Event ids of OpenCue.Client's [LoggerMessage] methods: 2000-2999, one block of 100 per component,
// each block in one *Log.cs class. Take the next free number of the component's block; a new
// component takes the next free block and is added here. Never reuse a retired id.
//
//   20xx  Internal/LaunchLog.cs       launching (Cuerun): launched, lost answers, after-launch settings
//   21xx  Internal/WatchLog.cs        wait and test modes (JobWatcher)
//   22xx  Internal/ConnectionLog.cs   Cuebot hosts and the pycue config (CueConnection, CueHostResolver)
//
// OpenCue.Authoring uses 1000-1999 and OpenCue.LocalCue 3000-4999, so that an id names one message
// wherever the three libraries log to the same place (cuerun).
