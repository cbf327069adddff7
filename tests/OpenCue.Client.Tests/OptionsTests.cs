namespace OpenCue.Client.Tests;

public class OptionsTests
{
    [Fact]
    public void Validate_rejects_bad_values_listing_every_one()
    {
        var options = new CueClientOptions
        {
            CallDeadline = TimeSpan.Zero,
            LaunchDeadline = TimeSpan.FromSeconds(-1),
            MaxMessageBytes = 10,
            Port = 70000,
            UnavailableRetries = -1,
            FramePageSize = 0,
        };
        options.Hosts.Add(" ");

        var act = options.Validate;

        var message = act.Should().Throw<ArgumentException>().Which.Message;
        foreach (var name in new[] { "CallDeadline", "LaunchDeadline", "MaxMessageBytes", "Port", "UnavailableRetries", "FramePageSize", "Hosts" })
        {
            message.Should().Contain(name);
        }
    }

    [Fact]
    public void The_api_validates_its_options_on_creation()
    {
        var options = new CueClientOptions { FramePageSize = 0 };
        options.Hosts.Add("127.0.0.1:1");

        var act = () => new CueApi(options);

        act.Should().Throw<ArgumentException>().WithMessage("*FramePageSize*");
    }

    [Fact]
    public void Defaults_are_valid_and_match_pycue()
    {
        var options = new CueClientOptions();

        options.Validate();
        options.FramePageSize.Should().Be(500);
        options.MaxMessageBytes.Should().Be(104857600);
        options.ShuffleHosts.Should().BeTrue();
        options.CallDeadline.Should().Be(TimeSpan.FromSeconds(20));
        options.LaunchDeadline.Should().Be(TimeSpan.FromMinutes(2));
    }

    [Fact]
    public void Hosts_keep_their_order_when_shuffling_is_off()
    {
        using var api = Support.TestNet.Client("127.0.0.1:3", "127.0.0.1:1", "127.0.0.1:2");

        api.Hosts.Should().Equal("127.0.0.1:3", "127.0.0.1:1", "127.0.0.1:2");
    }

    [Fact]
    public void Launch_options_map_to_the_spec_writer_options()
    {
        var options = new LaunchOptions { Pause = true, Priority = 7, MaxRetries = 3, AutoEat = true, NoMail = true, Facility = "cloud", Uid = 1234, Os = "rocky9" };

        var spec = options.ToSpecWriterOptions();

        spec.Paused.Should().BeTrue();
        spec.Priority.Should().Be(7);
        spec.MaxRetries.Should().Be(3);
        spec.AutoEat.Should().BeTrue();
        spec.NoMail.Should().BeTrue();
        spec.Facility.Should().Be("cloud");
        spec.Uid.Should().Be(1234);
        spec.Os.Should().Be("rocky9");
        new LaunchOptions().ToSpecWriterOptions().MaxRetries.Should().Be(2, "PyOutline's configured default");
    }
}
