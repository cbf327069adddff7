using OpenCue.LocalCue.Intake;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>Cuebot's conversions of layer values: cores, threadable, memory, GPU memory, tags, services, outputs.</summary>
public class LayerValueTests
{
    private const long Gb = 1048576;

    [Theory]
    [InlineData("4.0", 400)]
    [InlineData("4", 100)] // 4 core points = 0.04 cores, below the minimum of 10 points -> one core
    [InlineData("400", 400)]
    [InlineData("0.5", 50)]
    [InlineData("0.125", 13)]
    [InlineData("0", 0)]
    [InlineData("-2.0", -200)]
    [InlineData("-1", -1)]
    [InlineData("30.0", 2400)]
    [InlineData(" 2.0 ", 200)]
    public void Cores_with_a_dot_are_cores_and_without_are_core_points(string cores, int points) =>
        SingleLayer(Layer(extra: "<cores>" + cores + "</cores>")).MinCorePoints.Should().Be(points);

    [Theory]
    [InlineData("<cores>0.5</cores><threadable>True</threadable>", "shell", false)]
    [InlineData("<cores>2.0</cores><threadable>True</threadable>", "shell", true)]
    [InlineData("<cores>2.0</cores><threadable>yes</threadable>", "shell", true)]
    [InlineData("<cores>2.0</cores><threadable>ON</threadable>", "shell", true)]
    [InlineData("<cores>2.0</cores><threadable>nope</threadable>", "arnold", false)]
    [InlineData("<cores>2.0</cores>", "arnold", true)]
    [InlineData("<cores>0.5</cores>", "arnold", false)]
    [InlineData("", "katana", true)]
    [InlineData("<cores>0</cores><threadable>1</threadable>", "shell", true)]
    public void Threadable_is_forced_false_below_one_core_else_spec_else_service(string extra, string service, bool threadable) =>
        SingleLayer(Layer(extra: extra, tail: Services(service))).Threadable.Should().Be(threadable);

    [Theory]
    [InlineData("8", 8 * Gb)]
    [InlineData("8g", 8 * Gb)]
    [InlineData("8GB", 8 * Gb)]
    [InlineData("512m", 524288)]
    [InlineData("512mb", 524288)]
    [InlineData("1.5m", 262144)]
    [InlineData("1536.5m", 1573376)]
    [InlineData("100m", 262144)]
    [InlineData("0", 262144)]
    public void Memory_bare_numbers_are_gigabytes_and_small_values_are_raised(string memory, long kilobytes) =>
        SingleLayer(Layer(extra: "<memory>" + memory + "</memory>")).MinMemoryKb.Should().Be(kilobytes);

    [Fact]
    public void Memory_above_fifty_gigabytes_is_kept_with_a_warning()
    {
        var warnings = new List<string>();
        var options = Options();
        options.Warning = warnings.Add;

        SingleLayer(Layer(extra: "<memory>60g</memory>"), options: options).MinMemoryKb.Should().Be(60 * Gb);
        warnings.Should().ContainSingle().Which.Should().Contain("above the maximum");
    }

    [Theory]
    [InlineData("<gpu_memory>1g</gpu_memory>", Gb, false)]
    [InlineData("<gpu_memory>512m</gpu_memory>", 524288, false)]
    [InlineData("<gpu_memory>200g</gpu_memory>", 0, true)]
    [InlineData("<gpu_memory>lots</gpu_memory>", 0, true)]
    [InlineData("<gpu_memory>-1g</gpu_memory>", 0, true)]
    [InlineData("<gpu>2g</gpu>", 2 * Gb, true)]
    [InlineData("<gpu>2g</gpu><gpu_memory>3g</gpu_memory>", 3 * Gb, true)]
    public void Gpu_memory_falls_back_to_the_minimum_when_unreadable_or_too_large(string extra, long kilobytes, bool warns)
    {
        var warnings = new List<string>();
        var options = Options();
        options.Warning = warnings.Add;

        SingleLayer(Layer(extra: extra), options: options).MinGpuMemoryKb.Should().Be(kilobytes);
        warnings.Should().HaveCount(warns ? 1 : 0);
    }

    [Fact]
    public void Gpus_set_the_minimum_gpus() =>
        SingleLayer(Layer(extra: "<gpus>2</gpus>")).MinGpus.Should().Be(2);

    [Theory]
    [InlineData("general | cuda", new[] { "general", "cuda" })]
    [InlineData("gen eral|cu da", new[] { "general", "cuda" })]
    [InlineData("cuda | cuda | big.mem", new[] { "cuda", "big.mem" })]
    [InlineData("cuda|", new[] { "cuda" })]
    [InlineData("|", new[] { "general", "util" })]
    [InlineData("", new[] { "general", "util" })]
    [InlineData("   ", new[] { "general", "util" })]
    public void Tags_replace_the_service_tags_unless_empty(string tags, string[] expected) =>
        SingleLayer(Layer(extra: "<tags>" + tags + "</tags>", tail: Services("shell"))).Tags.Should().Equal(expected);

    [Fact]
    public void Without_tags_the_layer_has_its_service_tags() =>
        SingleLayer(Layer(tail: Services("katana"))).Tags.Should().Equal("general", "desktop", "util");

    [Fact]
    public void The_first_service_that_exists_supplies_the_defaults_and_all_listed_names_are_kept()
    {
        var warnings = new List<string>();
        var options = Options();
        options.Warning = warnings.Add;

        var layer = SingleLayer(Layer(tail: Services("mystery", "nuke", "arnold")), options: options);

        layer.Services.Should().Equal("mystery", "nuke", "arnold");
        layer.MinMemoryKb.Should().Be(2097152);
        layer.Threadable.Should().BeFalse("nuke, not arnold, supplies the defaults");
        warnings.Should().ContainSingle().Which.Should().Contain("mystery");
    }

    [Fact]
    public void Unknown_services_only_get_default_appended()
    {
        var layer = SingleLayer(Layer(tail: Services("mystery", " mystery ", "  ")));

        layer.Services.Should().Equal("mystery", "default");
        layer.MinCorePoints.Should().Be(100);
        layer.MinMemoryKb.Should().Be(3355443);
        layer.Tags.Should().Equal("general", "desktop");
    }

    [Fact]
    public void A_layer_without_services_gets_default() =>
        SingleLayer(Layer()).Services.Should().Equal("default");

    [Fact]
    public void A_custom_service_supplies_every_default_and_a_small_minimum_is_raised_to_ten_points()
    {
        var options = Options();
        options.Services = ServiceTable.Default.With(new ServiceDefinition("gpu-render")
        {
            Threadable = true,
            MinCorePoints = 5,
            MaxCorePoints = 800,
            MinMemoryKb = 4 * Gb,
            MinGpus = 1,
            MaxGpus = 2,
            MinGpuMemoryKb = 8 * Gb,
            Tags = new[] { "gpu" },
            TimeoutMinutes = 60,
            TimeoutLluMinutes = 15,
        });

        var layer = SingleLayer(Layer(tail: Services("gpu-render")), options: options);

        layer.MinCorePoints.Should().Be(10);
        layer.MaxCorePoints.Should().Be(800);
        layer.Threadable.Should().BeFalse("10 points are below one core");
        layer.MinMemoryKb.Should().Be(4 * Gb);
        layer.MinGpus.Should().Be(1);
        layer.MaxGpus.Should().Be(2);
        layer.MinGpuMemoryKb.Should().Be(8 * Gb);
        layer.Tags.Should().Equal("gpu");
        layer.TimeoutMinutes.Should().Be(60);
        layer.TimeoutLluMinutes.Should().Be(15);

        var overridden = SingleLayer(Layer(extra: "<timeout>5</timeout><timeout_llu>0</timeout_llu>", tail: Services("gpu-render")), options: options);
        overridden.TimeoutMinutes.Should().Be(5);
        overridden.TimeoutLluMinutes.Should().Be(0);
    }

    [Fact]
    public void Outputs_skip_blank_and_repeated_paths()
    {
        var outputs = "<outputs><output name=\"main\"> /out/a.exr </output><output name=\"blank\"> </output>" +
            "<output name=\"again\">/out/a.exr</output><output name=\"aov\">/out/b.exr</output></outputs>";
        Flat(SingleLayer(Layer(tail: outputs)).Outputs).Should().Equal("main=/out/a.exr", "aov=/out/b.exr");
    }

    [Fact]
    public void Limits_skip_blank_and_repeated_names() =>
        SingleLayer(Layer(extra: "<limits><limit> lic </limit><limit>lic</limit><limit> </limit><limit>nuke</limit></limits>"))
            .Limits.Should().Equal("lic", "nuke");

    [Fact]
    public void Only_the_first_env_is_read_and_a_repeated_key_keeps_its_place_with_the_last_value()
    {
        var env = "<env><key name=\"A\"> 1 </key><key name=\"B\">2</key><key name=\"A\">3</key></env><env><key name=\"C\">4</key></env>";
        Flat(SingleLayer(Layer(env: env)).Env).Should().Equal("A=3", "B=2");
    }

    [Fact]
    public void Command_and_range_are_trimmed_and_kept_as_written()
    {
        var layer = SingleLayer(Layer(range: " 1-3,2-5 ", cmd: "\n  echo  #IFRAME#  \n"));
        layer.Command.Should().Be("echo  #IFRAME#");
        layer.Range.Should().Be("1-3,2-5");
        layer.Frames.Should().Equal(1, 2, 3, 4, 5);
    }

    [Theory]
    [InlineData("1-10", "20", new[] { 1 })]
    [InlineData("1-10", "4", new[] { 1, 5, 9 })]
    [InlineData("10-1", "3", new[] { 10, 7, 4, 1 })]
    [InlineData("1-10:5", "1", new[] { 1, 6, 3, 5, 7, 9, 2, 4, 8, 10 })]
    [InlineData("10-1x1", "1", new int[0])]
    public void Frames_are_cuebots_chunk_starts(string range, string chunk, int[] frames) =>
        SingleLayer(Layer(range: range, chunk: chunk)).Frames.Should().Equal(frames);

    [Fact]
    public void Layer_type_is_upper_cased() =>
        Parse(Spec(Job(Layer("aaa") + Layer("bbb", "Util")))).Jobs.Single().Layers.Select(l => l.Type).Should().Equal("RENDER", "UTIL");
}
