using System.Collections;
using System.Collections.Generic;
using Google.Protobuf;
using Google.Protobuf.Reflection;

namespace OpenCue.LocalCue.Access;

/// <summary>
/// The jobs, layers, frames and depends a request names, found by protobuf reflection over its fields (and the
/// fields of nested messages such as <c>JobSeq</c>), so every control method, including any added later, is covered.
/// </summary>
internal static class JobTargets
{
    private const int MaxDepth = 4;

    /// <summary>Every entity the request names, in field order.</summary>
    /// <param name="request">The parsed request.</param>
    /// <returns>The targets; an entity message without an id gives an empty id.</returns>
    public static List<JobTarget> Of(IMessage request)
    {
        var found = new List<JobTarget>();
        Collect(request, found, 0);
        return found;
    }

    private static void Collect(IMessage message, List<JobTarget> found, int depth)
    {
        foreach (var field in message.Descriptor.Fields.InFieldNumberOrder())
        {
            if (field.FieldType != FieldType.Message)
            {
                continue;
            }

            var value = field.Accessor.GetValue(message);
            if (field.IsRepeated && value is IList list)
            {
                foreach (var item in list)
                {
                    Visit(item as IMessage, found, depth);
                }
            }
            else if (!field.IsMap)
            {
                Visit(value as IMessage, found, depth);
            }
        }
    }

    private static void Visit(IMessage? message, List<JobTarget> found, int depth)
    {
        if (message is null)
        {
            return;
        }

        JobTargetKind? kind = message.Descriptor.FullName switch
        {
            "job.Job" => JobTargetKind.Job,
            "job.Layer" => JobTargetKind.Layer,
            "job.Frame" => JobTargetKind.Frame,
            "depend.Depend" => JobTargetKind.Depend,
            _ => null,
        };
        if (kind is JobTargetKind k)
        {
            var id = message.Descriptor.FindFieldByName("id")?.Accessor.GetValue(message) as string;
            found.Add(new JobTarget(k, id ?? string.Empty));
        }
        else if (depth < MaxDepth)
        {
            Collect(message, found, depth + 1);
        }
    }
}
