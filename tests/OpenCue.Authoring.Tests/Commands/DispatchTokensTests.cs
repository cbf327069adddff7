using OpenCue.Authoring;

namespace OpenCue.Authoring.Tests.Commands;

public class DispatchTokensTests
{
    [Fact]
    public void All_lists_the_tokens_in_Cuebot_order()
    {
        DispatchTokens.All.Should().Equal(
            "#ZFRAME#", "#IFRAME#", "#FRAME_START#", "#FRAME_END#", "#FRAME_CHUNK#",
            "#LAYER#", "#JOB#", "#FRAMESPEC#", "#FRAME#");
    }

    [Fact]
    public void For_computes_the_chunk_of_a_chunked_layer()
    {
        var context = DispatchContext.For("1-10", 4, 3, "render", "show-shot-user_job");

        context.FrameNumber.Should().Be(4);
        context.EndFrame.Should().Be(6);
        context.Chunk.Should().Be(3);
        context.FrameSpec.Should().Be("4-6");
        context.FrameName.Should().Be("0004-render");
        context.LayerName.Should().Be("render");
        context.JobName.Should().Be("show-shot-user_job");
    }

    [Fact]
    public void Substitute_replaces_every_token()
    {
        var context = DispatchContext.For("1-10", 4, 3, "render", "show-shot-user_job");

        string command = DispatchTokens.Substitute(
            "r #ZFRAME# #IFRAME# #FRAME_START# #FRAME_END# #FRAME_CHUNK# #LAYER# #JOB# #FRAMESPEC# #FRAME#",
            context);

        command.Should().Be("r 0004 4 4 6 3 render show-shot-user_job 4-6 0004-render");
    }

    [Fact]
    public void Frame_chunk_is_the_layer_chunk_size_even_for_a_short_last_chunk()
    {
        var context = DispatchContext.For("1-10", 10, 3, "render", "job");

        DispatchTokens.Substitute("#FRAME_CHUNK# #FRAMESPEC# #FRAME_END#", context).Should().Be("3 10 10");
    }

    [Fact]
    public void Frame_end_is_the_last_entry_in_list_order()
    {
        var context = DispatchContext.For("10-1", 10, 3, "render", "job");

        DispatchTokens.Substitute("#FRAMESPEC# #FRAME_END#", context).Should().Be("10-8x-1 8");
    }

    [Fact]
    public void Tokens_are_replaced_in_order_so_a_value_can_complete_a_later_token()
    {
        // #LAYER# is replaced before #FRAME#; a layer value that spells part of a later token
        // is then seen by that token, exactly as Cuebot's chain of replaceAll calls.
        var context = new DispatchContext(1, 1, 1, "FRAME", "job", "1", "0001-x");

        DispatchTokens.Substitute("##LAYER##", context).Should().Be("0001-x");
    }

    [Fact]
    public void Text_without_tokens_is_unchanged()
    {
        var context = DispatchContext.For("1", 1, 1, "render", "job");

        DispatchTokens.Substitute("echo #frame# #FRAMES# $HOME", context).Should().Be("echo #frame# #FRAMES# $HOME");
    }

    [Fact]
    public void Zframe_pads_like_java_format()
    {
        var context = DispatchContext.For("12345", 12345, 1, "render", "job");

        DispatchTokens.Substitute("#ZFRAME#/#FRAME#", context).Should().Be("12345/12345-render");
    }

    [Fact]
    public void For_rejects_a_frame_outside_the_range()
    {
        Action act = () => DispatchContext.For("1-10", 11, 1, "render", "job");

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Shell_quoting_keeps_a_leading_token_unquoted()
    {
        ShellQuoting.IsSafeUnquoted("#FRAMESPEC#").Should().BeTrue();
        ShellQuoting.IsSafeUnquoted("#NOT_A_TOKEN#").Should().BeFalse();
        foreach (var token in DispatchTokens.All)
        {
            ShellQuoting.Quote(token + "x").Should().Be(token + "x");
        }
    }

    [Theory]
    [InlineData("1-10", 3)]
    [InlineData("1-100x3", 1)]
    [InlineData("10-1", 4)]
    [InlineData("1-20:5", 2)]
    [InlineData("5,3,9,1,7", 2)]
    public void For_a_parsed_range_gives_every_chunk_the_text_overload_gives(string range, int chunk)
    {
        var parsed = FrameSet.Parse(range);
        foreach (var start in Chunking.GetChunkStarts(parsed, chunk))
        {
            var expected = DispatchContext.For(range, start, chunk, "render", "job");
            var context = DispatchContext.For(parsed, start, chunk, "render", "job");
            (context.FrameNumber, context.EndFrame, context.Chunk, context.FrameSpec, context.FrameName)
                .Should().Be((expected.FrameNumber, expected.EndFrame, expected.Chunk, expected.FrameSpec, expected.FrameName));
            context.EndFrame.Should().Be(Chunking.GetChunk(parsed, start, chunk).EndFrame);
        }
    }

    [Fact]
    public void For_a_parsed_range_refuses_a_frame_outside_it_however_often_it_is_asked()
    {
        var range = FrameSet.Parse("1-10");

        FluentActions.Invoking(() => DispatchContext.For(range, 11, 1, "render", "job")).Should().Throw<ArgumentException>();
        DispatchContext.For(range, 10, 1, "render", "job").FrameSpec.Should().Be("10");
        FluentActions.Invoking(() => DispatchContext.For(range, 11, 1, "render", "job")).Should().Throw<ArgumentException>();
        FluentActions.Invoking(() => DispatchContext.For((FrameSet)null!, 1, 1, "render", "job")).Should().Throw<ArgumentNullException>();
    }
}
