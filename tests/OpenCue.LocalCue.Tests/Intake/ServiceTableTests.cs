using OpenCue.LocalCue.Intake;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>Cuebot's seed services and custom tables.</summary>
public class ServiceTableTests
{
    [Fact]
    public void The_default_table_holds_cuebots_seed_services()
    {
        var table = ServiceTable.Default;
        table.Services.Select(s => s.Name).Should().Equal(
            "default", "prman", "arnold", "shell", "maya", "houdini", "katana", "nuke", "preprocess", "postprocess");

        table.TryGet("default", out var d).Should().BeTrue();
        (d!.Threadable, d.MinCorePoints, d.MinMemoryKb).Should().Be((false, 100, 3355443L));
        d.Tags.Should().Equal("general", "desktop");
        table.TryGet("shell", out var shell).Should().BeTrue();
        shell!.Tags.Should().Equal("general", "util");
        table.TryGet("arnold", out var arnold).Should().BeTrue();
        arnold!.Threadable.Should().BeTrue();
        table.TryGet("katana", out var katana).Should().BeTrue();
        (katana!.Threadable, katana.MinMemoryKb).Should().Be((true, 2097152L));
        katana.Tags.Should().Equal("general", "desktop", "util");
        table.TryGet("maya", out var maya).Should().BeTrue();
        maya!.MinMemoryKb.Should().Be(2097152);
        table.TryGet("nuke", out var nuke).Should().BeTrue();
        nuke!.MinMemoryKb.Should().Be(2097152);
        table.TryGet("preprocess", out var pre).Should().BeTrue();
        (pre!.MinCorePoints, pre.MinMemoryKb).Should().Be((10, 393216L));
        pre.Tags.Should().Equal("util");
        table.TryGet("postprocess", out var post).Should().BeTrue();
        (post!.MinCorePoints, post.MinMemoryKb).Should().Be((10, 524288L));
        table.Services.Should().OnlyContain(s => s.MaxCorePoints == 0 && s.MinGpus == 0 && s.MaxGpus == 0 &&
            s.MinGpuMemoryKb == 0 && s.TimeoutMinutes == 0 && s.TimeoutLluMinutes == 0);
    }

    [Fact]
    public void Lookups_are_exact()
    {
        ServiceTable.Default.TryGet("Shell", out _).Should().BeFalse();
        ServiceTable.Default.TryGet("mystery", out _).Should().BeFalse();
        ServiceTable.Default.TryGet(null, out _).Should().BeFalse();
    }

    [Fact]
    public void A_custom_table_needs_default_and_unique_names()
    {
        FluentActions.Invoking(() => new ServiceTable(new[] { new ServiceDefinition("shell") })).Should().Throw<ArgumentException>().WithMessage("*default*");
        FluentActions.Invoking(() => new ServiceTable(new[] { new ServiceDefinition("default"), new ServiceDefinition("default") }))
            .Should().Throw<ArgumentException>().WithMessage("*twice*");
        FluentActions.Invoking(() => new ServiceDefinition(" ")).Should().Throw<ArgumentException>();

        var table = new ServiceTable(new[] { new ServiceDefinition("default") { MinMemoryKb = 1 } });
        table.TryGet("default", out var d).Should().BeTrue();
        d!.MinMemoryKb.Should().Be(1);
    }

    [Fact]
    public void With_replaces_or_adds_a_service_without_changing_the_original()
    {
        var replaced = ServiceTable.Default.With(new ServiceDefinition("shell") { Threadable = true });
        replaced.TryGet("shell", out var shell).Should().BeTrue();
        shell!.Threadable.Should().BeTrue();
        replaced.Services.Should().HaveCount(10);
        ServiceTable.Default.TryGet("shell", out var original).Should().BeTrue();
        original!.Threadable.Should().BeFalse();

        ServiceTable.Default.With(new ServiceDefinition("blender")).Services.Should().HaveCount(11);
    }
}
