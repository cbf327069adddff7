using OpenCue.Cli.Internal;

namespace OpenCue.Cli.Tests;

/// <summary>cuerun finds a job by the name as written, conformed by Cuebot's own rule (the one the spec writer uses).</summary>
public class JobNameConformTests
{
    [Theory]
    [InlineData("testing-sh010-jdoe_my-job", "testing-sh010-jdoe_my_job")]
    [InlineData("Testing-SH010-jdoe_My__Job", "testing-sh010-jdoe_my_job")]
    [InlineData("testing-sh010-jdoe_my--job", "testing-sh010-jdoe_my__job")] // Cuebot collapses '__' before '-' becomes '_'
    [InlineData("testing-sh010-jdoe__job", "testing-sh010-jdoe_job")]
    [InlineData("no-underscore", "no-underscore")]
    public void A_job_name_is_conformed_as_Cuebot_conforms_it(string written, string conformed) =>
        CueServer.Conform(written).Should().Be(conformed);
}
