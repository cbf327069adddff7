using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Storage;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;

namespace OpenCue.LocalCue.Tests.Intake;

/// <summary>Names that would become paths outside the state directory, or too long to be a path, are refused at intake.</summary>
public class NameSafetyTests
{
    private static string HeaderWith(string show = "testing", string shot = "sh010", string user = "jdoe", string uid = "1000") =>
        "<show>" + show + "</show><shot>" + shot + "</shot><user>" + user + "</user><uid>" + uid + "</uid>";

    [Theory]
    [InlineData("../../../../../escaped_show", "a path separator '/' at position 3")]
    [InlineData("/escaped_show", "an absolute path")]
    [InlineData("..", "starts with '.'")]
    [InlineData("...", "starts with '.'")]
    [InlineData(".hidden", "starts with '.'")]
    [InlineData("-rf", "starts with '-'")]
    [InlineData("ab", "shorter than 3")]
    [InlineData("my show", "contains ' ' at position 3")]
    [InlineData("a\\b\\c", "a path separator '\\'")]
    [InlineData("tést", "contains 'é'")]
    public void Unsafe_shows_are_refused_with_the_cause(string show, string cause) =>
        Rejection(Spec(Job(Layer()), header: HeaderWith(show: show))).Should()
            .StartWith("error, the show '" + show + "' (the spec of job 'my-job') cannot be used: it ").And.Contain(cause);

    [Theory]
    [InlineData("x/../../../../../../escaped_user", "a path separator '/'")]
    [InlineData("/root", "an absolute path")]
    [InlineData("..", "starts with '.'")]
    [InlineData("-jdoe", "starts with '-'")]
    [InlineData("j doe", "contains ' '")]
    [InlineData("j(doe", "contains '('")]
    public void Unsafe_users_are_refused_with_the_cause(string user, string cause) =>
        Rejection(Spec(Job(Layer()), header: HeaderWith(user: user))).Should()
            .StartWith("error, the user '" + user + "' (the spec of job 'my-job') cannot be used: it ").And.Contain(cause);

    [Fact]
    public void Control_characters_in_names_are_refused_and_shown_escaped() =>
        Rejection(Spec(Job(Layer()), header: HeaderWith(user: "jd&#x9;oe"))).Should()
            .StartWith("error, the user 'jd\\u0009oe'").And.Contain("the control character U+0009 at position 3");

    [Fact]
    public void A_shot_starting_with_a_dot_is_refused() =>
        Rejection(Spec(Job(Layer()), header: HeaderWith(shot: ".sh010"))).Should().StartWith("error, the shot '.sh010'").And.Contain("starts with '.'");

    [Fact]
    public void Ordinary_posix_user_names_are_accepted()
    {
        foreach (var user in new[] { "j", "jdoe", "j.doe", "j_doe-2", "_svc", "0day", new string('u', SpecNames.MaxUserLength) })
        {
            Parse(Spec(Job(Layer()), header: HeaderWith(user: user))).Jobs.Single().User.Should().Be(user);
        }
    }

    [Theory]
    [InlineData("show", SpecNames.MaxShowLength)]
    [InlineData("shot", SpecNames.MaxShotLength)]
    [InlineData("user", SpecNames.MaxUserLength)]
    public void Header_names_longer_than_their_limit_are_refused_with_the_value_cut_short(string kind, int limit)
    {
        var longName = new string('a', 10_000);
        var header = kind switch
        {
            "show" => HeaderWith(show: longName),
            "shot" => HeaderWith(shot: longName),
            _ => HeaderWith(user: longName),
        };
        var message = Rejection(Spec(Job(Layer()), header: header));
        message.Should().StartWith("error, the " + kind + " '" + new string('a', 64) + "...' (the spec of job 'my-job')")
            .And.Contain("it is 10000 characters long").And.Contain(" to " + limit + " of the characters");
        message.Length.Should().BeLessThan(400, "the message names the value without repeating 10,000 characters");

        var atLimit = new string('a', limit);
        var ok = kind switch
        {
            "show" => HeaderWith(show: atLimit, shot: "sh1", user: "u"),
            "shot" => HeaderWith(show: "tst", shot: atLimit, user: "u"),
            _ => HeaderWith(show: "tst", shot: "sh1", user: atLimit),
        };
        Parse(Spec(Job(Layer(), name: "job"), header: ok)).Jobs.Should().HaveCount(1);
    }

    [Fact]
    public void A_job_name_longer_than_a_path_allows_is_refused_naming_the_job()
    {
        var suffix = new string('n', 10_000);
        Rejection(Spec(Job(Layer(), name: suffix))).Should()
            .StartWith("error, the job name 'testing-sh010-jdoe_nnn").And.Contain("...' is 10019 characters long").And.Contain("at most 140 characters");

        var longest = new string('n', SpecNames.MaxJobNameLength - "testing-sh010-jdoe_".Length);
        Parse(Spec(Job(Layer(), name: longest))).Jobs.Single().Name.Should().HaveLength(SpecNames.MaxJobNameLength);
    }

    [Fact]
    public void A_layer_name_longer_than_a_log_file_allows_is_refused_naming_job_and_layer()
    {
        Rejection(Spec(Job(Layer(new string('l', 65))))).Should()
            .StartWith("error, the layer name '" + new string('l', 65) + "' in job testing-sh010-jdoe_my_job is 65 characters long");
        Parse(Spec(Job(Layer(new string('l', 64))))).Jobs.Single().Layers.Single().Name.Should().HaveLength(64);
    }

    [Fact]
    public void Every_path_built_from_the_longest_names_fits_in_a_file_name()
    {
        SpecNames.MaxJobNameLength.Should().Be(140);
        (SpecNames.MaxJobNameLength + 2 + SpecNames.JobIdLength).Should().BeLessThanOrEqualTo(SpecNames.MaxFileNameBytes, "<job>--<id>");
        var longestJob = SpecNames.MaxJobNameLength + SpecNames.PostJobNameGrowth;
        var longestFrame = SpecNames.MaxFrameNumberLength + 1 + SpecNames.MaxLayerNameLength;
        (longestJob + 1 + longestFrame + SpecNames.LogFileSuffixLength).Should().BeLessThanOrEqualTo(SpecNames.MaxFileNameBytes, "<job>.<frame>.rqlog.15");
        "_post_job_".Length.Should().Be(10);
        DateTimeOffset.MaxValue.ToUnixTimeMilliseconds().ToString().Length.Should().BeGreaterThan(13, "but epoch ms have 13 digits until 2286");
        OpenCue.Authoring.CueNames.PadFrame(int.MinValue).Should().HaveLength(SpecNames.MaxFrameNumberLength);
        (".rqlog".Length + ".15".Length).Should().Be(SpecNames.LogFileSuffixLength);
    }

    [Fact]
    public void The_longest_post_job_of_a_one_letter_user_fits()
    {
        var options = Options();
        options.Clock = () => DateTimeOffset.FromUnixTimeMilliseconds(9_999_999_999_999);
        var header = HeaderWith(show: "tst", shot: "sh1", user: "u");
        var name = new string('n', SpecNames.MaxJobNameLength - "tst-sh1-u_".Length);
        var jobs = Parse(Spec(Job(Layer() + Layer("cleanup", "Post"), name: name), header: header), options).Jobs;
        jobs[1].Name.Length.Should().BeLessThanOrEqualTo(SpecNames.MaxJobNameLength + SpecNames.PostJobNameGrowth);
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("-2147483648")]
    public void A_negative_uid_is_refused_naming_it(string uid) =>
        Rejection(Spec(Job(Layer()), header: HeaderWith(uid: uid))).Should()
            .StartWith("error, the uid " + uid + " of user 'jdoe' (the spec of job 'my-job') is negative");

    [Fact]
    public void State_paths_stay_under_their_root()
    {
        var root = Path.Combine(Path.GetTempPath(), "state-paths-" + Guid.NewGuid().ToString("N"));
        StatePaths.Under(root, "x", "logs", "show", "job--1").Should().Be(Path.Combine(root, "logs", "show", "job--1"));
        foreach (var bad in new[] { "..", ".", "", "a/b", "/etc", "a\\b", "a\0b" })
        {
            var act = () => StatePaths.Under(root, "the log directory of job j", "logs", bad);
            act.Should().Throw<InvalidOperationException>().WithMessage("Refused to build the log directory of job j*");
        }
    }
}
