using OpenCue.Cli.Internal;

namespace OpenCue.Cli.Tests;

public class ArgumentParserTests
{
    private static readonly OptionDefinition[] Definitions =
    {
        new("value", "V", "a value"),
        new("flag", null, "a flag"),
    };

    [Fact]
    public void Positionals_options_and_flags_are_separated()
    {
        var parsed = ArgumentParser.Parse(new[] { "a", "--value", "1", "--flag", "b" }, Definitions);

        parsed.Positionals.Should().Equal("a", "b");
        parsed.Value("value").Should().Be("1");
        parsed.Has("flag").Should().BeTrue();
        parsed.Value("flag").Should().BeNull();
        parsed.Has("other").Should().BeFalse();
        parsed.HelpRequested.Should().BeFalse();
    }

    [Fact]
    public void Values_may_follow_an_equals_sign_and_be_empty_or_dashed()
    {
        ArgumentParser.Parse(new[] { "--value=a=b" }, Definitions).Value("value").Should().Be("a=b");
        ArgumentParser.Parse(new[] { "--value=" }, Definitions).Value("value").Should().Be(string.Empty);
        ArgumentParser.Parse(new[] { "--value", "--flag" }, Definitions).Value("value").Should().Be("--flag");
    }

    [Fact]
    public void Negative_numbers_and_a_lone_dash_are_positional()
    {
        ArgumentParser.Parse(new[] { "-5-3", "-", "-1" }, Definitions).Positionals.Should().Equal("-5-3", "-", "-1");
    }

    [Fact]
    public void Double_dash_ends_options()
    {
        var parsed = ArgumentParser.Parse(new[] { "--flag", "--", "--value", "-h" }, Definitions);

        parsed.Positionals.Should().Equal("--value", "-h");
        parsed.HelpRequested.Should().BeFalse();
    }

    [Fact]
    public void Help_is_recognised_anywhere()
    {
        ArgumentParser.Parse(new[] { "a", "-h" }, Definitions).HelpRequested.Should().BeTrue();
        ArgumentParser.Parse(new[] { "--help", "--value", "1" }, Definitions).HelpRequested.Should().BeTrue();
    }

    [Theory]
    [InlineData("--nope", "unknown option '--nope'. Accepted: --value V, --flag, --help.")]
    [InlineData("--nope=1", "unknown option '--nope'.")]
    [InlineData("-v", "unknown option '-v'")]
    [InlineData("--value", "option '--value' needs a value: --value V (a value).")]
    [InlineData("--flag=1", "option '--flag' is a flag and takes no value")]
    public void Bad_options_throw_usage_errors(string arg, string message)
    {
        var act = () => ArgumentParser.Parse(new[] { arg }, Definitions);

        act.Should().Throw<UsageException>().Which.Message.Should().StartWith(message);
    }

    [Fact]
    public void An_option_given_twice_is_refused()
    {
        var act = () => ArgumentParser.Parse(new[] { "--flag", "--flag" }, Definitions);

        act.Should().Throw<UsageException>().WithMessage("option '--flag' is given twice; give it once.");
    }

    [Fact]
    public void A_repeatable_option_keeps_every_value()
    {
        var definitions = new[] { new OptionDefinition("env", "K=V", "an env var", repeatable: true) };

        var parsed = ArgumentParser.Parse(new[] { "--env", "A=1", "--env=B=2" }, definitions);

        parsed.Values("env").Should().Equal("A=1", "B=2");
        parsed.Values("other").Should().BeEmpty();
        parsed.Value("env").Should().Be("B=2");
    }
}
