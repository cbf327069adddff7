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

    private static string SimpleName(Type type)
    {
        var tick = type.Name.IndexOf('`', StringComparison.Ordinal);
        return tick < 0 ? type.Name : type.Name.Substring(0, tick);
    }
}
