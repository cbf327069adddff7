using System.Reflection;

namespace OpenCue.Samples.Tests;

/// <summary>
/// The shipped libraries as their users see them: no public type named like a namespace segment of its own
/// assembly (a type <c>Outline</c> in <c>X.Outline</c> cannot be named without qualifying it), no public
/// <c>Program</c>, and LocalCue is a library (the stand-alone server is <c>cuerun serve</c>).
/// </summary>
public sealed class PublicSurfaceTests
{
    public static TheoryData<string> Libraries => new() { "OpenCue.Authoring", "OpenCue.Client", "OpenCue.Client.DependencyInjection", "OpenCue.LocalCue", "OpenCue.Proto" };

    [Theory]
    [MemberData(nameof(Libraries))]
    public void No_public_type_is_named_like_a_namespace_segment_of_its_assembly(string library)
    {
        var assembly = Assembly.Load(library);
        var segments = assembly.GetTypes()
            .Select(t => t.Namespace)
            .Where(n => !string.IsNullOrEmpty(n))
            .SelectMany(n => n!.Split('.'))
            .ToHashSet(StringComparer.Ordinal);

        var clashes = assembly.GetExportedTypes()
            .Where(t => segments.Contains(SimpleName(t)))
            .Select(t => t.FullName)
            .ToList();

        clashes.Should().BeEmpty("a public type named like a namespace of {0} must be qualified wherever that namespace is in scope", library);
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void No_public_type_is_named_Program(string library)
    {
        Assembly.Load(library).GetExportedTypes().Where(t => SimpleName(t) == "Program").Select(t => t.FullName)
            .Should().BeEmpty("{0} is a library", library);
    }

    [Fact]
    public void LocalCue_is_a_library_without_an_entry_point()
    {
        var localCue = typeof(OpenCue.LocalCue.LocalCuebot).Assembly;

        localCue.EntryPoint.Should().BeNull("the stand-alone server is 'cuerun serve'");
    }

    [Fact]
    public void No_generated_protobuf_type_appears_in_the_client_surface()
    {
        var proto = typeof(OpenCue.Proto.Jobs.Job).Assembly;
        var client = typeof(OpenCue.Client.CueApi).Assembly;
        const BindingFlags Visible = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;

        var leaks = new List<string>();
        foreach (var type in client.GetExportedTypes())
        {
            Check(type.FullName + " : base", type.BaseType);
            foreach (var contract in type.GetInterfaces())
            {
                Check(type.FullName + " : " + contract.Name, contract);
            }

            foreach (var member in type.GetMembers(Visible).Where(IsVisible))
            {
                var name = type.FullName + "." + member.Name;
                switch (member)
                {
                    case PropertyInfo property:
                        Check(name, property.PropertyType);
                        break;
                    case FieldInfo field:
                        Check(name, field.FieldType);
                        break;
                    case EventInfo @event:
                        Check(name, @event.EventHandlerType);
                        break;
                    case MethodBase method:
                        Check(name, (method as MethodInfo)?.ReturnType);
                        foreach (var parameter in method.GetParameters())
                        {
                            Check(name + "(" + parameter.Name + ")", parameter.ParameterType);
                        }

                        break;
                }
            }
        }

        leaks.Should().BeEmpty("the client's surface is its own types; the wire contract stays inside (OpenCue.Proto is the experts' package)");

        void Check(string where, Type? type)
        {
            if (type is null)
            {
                return;
            }

            if (type.HasElementType)
            {
                Check(where, type.GetElementType());
                return;
            }

            if (type.Assembly == proto)
            {
                leaks.Add(where + " -> " + type.FullName);
            }

            if (type.IsGenericType)
            {
                foreach (var argument in type.GetGenericArguments())
                {
                    Check(where, argument);
                }
            }
        }
    }

    private static bool IsVisible(MemberInfo member) => member switch
    {
        MethodBase method => method.IsPublic || method.IsFamily || method.IsFamilyOrAssembly,
        FieldInfo field => field.IsPublic || field.IsFamily || field.IsFamilyOrAssembly,
        PropertyInfo property => property.GetAccessors(nonPublic: true).Any(a => a.IsPublic || a.IsFamily || a.IsFamilyOrAssembly),
        EventInfo @event => @event.AddMethod is { } add && (add.IsPublic || add.IsFamily),
        _ => false,
    };

    private static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name.Substring(0, tick);
    }
}
