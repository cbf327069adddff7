// Event ids of OpenCue.Authoring's [LoggerMessage] methods: 1000-1999, one block of 100 per
// component, each block in one *Log.cs class. Take the next free number of the component's block;
// a new component takes the next free block and is added here. Never reuse a retired id.
//
//   11xx  Internal/OutlineLog.cs      Outline: layers added, outline env, pending requires
//   12xx  Internal/LayerLog.cs        Layer: depends, layer env
//   13xx  Json/JsonLog.cs             PyOutline JSON reading
//   14xx  Specs/Internal/SpecLog.cs   XML job spec writing
//
// OpenCue.Client uses 2000-2999 and OpenCue.LocalCue 3000-4999, so that an id names one message
// wherever the three libraries log to the same place (cuerun).
