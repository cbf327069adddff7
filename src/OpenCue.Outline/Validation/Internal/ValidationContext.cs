using System;
using System.Collections.Generic;
using OpenCue.Outline.Specs;

namespace OpenCue.Outline.Validation.Internal
{
    /// <summary>What the rules share: the outline, the options, each layer's effective frames, and the problems found.</summary>
    internal sealed class ValidationContext
    {
        private readonly List<ValidationProblem> _problems = new List<ValidationProblem>();
        private readonly Dictionary<Layer, LayerFrames> _frames = new Dictionary<Layer, LayerFrames>();

        public ValidationContext(Outline outline, SpecWriterOptions options)
        {
            Outline = outline;
            Options = options;
            Layers = outline.GetLayers();
        }

        public Outline Outline { get; }

        public SpecWriterOptions Options { get; }

        public IReadOnlyList<Layer> Layers { get; }

        public IReadOnlyList<ValidationProblem> Problems => _problems;

        public void Error(string code, Layer? layer, string? value, string message) =>
            _problems.Add(new ValidationProblem(ValidationSeverity.Error, code, Outline.Name, layer?.Name, value, message));

        public void Warning(string code, Layer? layer, string? value, string message) =>
            _problems.Add(new ValidationProblem(ValidationSeverity.Warning, code, Outline.Name, layer?.Name, value, message));

        /// <summary>The frames a layer will have in the spec, computed once.</summary>
        public LayerFrames FramesOf(Layer layer)
        {
            if (!_frames.TryGetValue(layer, out var frames))
            {
                frames = LayerFrames.Compute(layer);
                _frames[layer] = frames;
            }

            return frames;
        }
    }

    /// <summary>A layer's effective range as written, its frames and its chunk starts (Cuebot's frames).</summary>
    internal sealed class LayerFrames
    {
        private LayerFrames(string? range, FrameSet? frames, IReadOnlyList<int>? chunkStarts, string? error)
        {
            Range = range;
            Frames = frames;
            ChunkStarts = chunkStarts;
            Error = error;
        }

        /// <summary>The range written, or null when the layer is left out or a range is invalid.</summary>
        public string? Range { get; }

        public FrameSet? Frames { get; }

        /// <summary>Cuebot's frames of the layer (one per chunk), or null when the range or chunk is invalid.</summary>
        public IReadOnlyList<int>? ChunkStarts { get; }

        /// <summary>Why the range could not be computed (a FormatException message).</summary>
        public string? Error { get; }

        /// <summary>Whether the layer is written to the spec (its range intersects the outline's).</summary>
        public bool IsWritten => Error is null && Range != null;

        public static LayerFrames Compute(Layer layer)
        {
            string? range;
            try
            {
                range = layer.GetFrameRange();
            }
            catch (FormatException e)
            {
                return new LayerFrames(null, null, null, e.Message);
            }

            if (range is null)
            {
                return new LayerFrames(null, null, null, null);
            }

            FrameSet frames;
            try
            {
                frames = FrameSet.Parse(range);
            }
            catch (FormatException e)
            {
                return new LayerFrames(null, null, null, e.Message);
            }

            var starts = layer.Chunk >= 1 && !frames.IsEmpty ? Chunking.GetChunkStarts(frames, layer.Chunk) : null;
            return new LayerFrames(range, frames, starts, null);
        }
    }
}
