using System.Collections;
using System.Threading.Tasks;
using OpenCue.Authoring;

namespace OpenCue.Authoring.Tests.FrameSets;

public class FrameSetOperationsTests
{
    [Fact]
    public void Indexer_count_and_index_of_follow_list_order()
    {
        FrameSet set = FrameSet.Parse("1-7");
        set.Count.Should().Be(7);
        set[4].Should().Be(5);
        set.IndexOf(6).Should().Be(5);
        set.IndexOf(22).Should().Be(-1);
        set.Contains(7).Should().BeTrue();
        set.Contains(0).Should().BeFalse();

        Func<int> outside = () => set[7];
        outside.Should().Throw<ArgumentOutOfRangeException>();
        outside = () => set[-1];
        outside.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Index_of_returns_the_first_position_for_small_and_large_sets()
    {
        FrameSet small = FrameSet.Parse("1-3,2-4");
        small.IndexOf(3).Should().Be(2);
        small.IndexOf(4).Should().Be(5);

        FrameSet large = FrameSet.Parse("1-100,50-150");
        large.IndexOf(60).Should().Be(59);
        large.IndexOf(150).Should().Be(200);
        large.IndexOf(100).Should().Be(99);
        large.IndexOf(151).Should().Be(-1);
        large.IndexOf(0).Should().Be(-1);
    }

    [Fact]
    public void Index_lookup_is_safe_to_build_concurrently()
    {
        FrameSet set = FrameSet.Parse("1-20000,5-10");
        int[] results = new int[64];
        Parallel.For(0, results.Length, i => results[i] = set.IndexOf(10000 + i));
        results.Should().Equal(Enumerable.Range(9999, 64));
    }

    [Fact]
    public void Distinct_keeps_first_occurrences()
    {
        FrameSet set = FrameSet.Parse("5,1-3,2-6,1");
        set.Distinct().Should().Equal(5, 1, 2, 3, 4, 6);
        FrameSet distinct = FrameSet.Parse("3-1,7");
        distinct.Distinct().Should().BeSameAs(distinct);
        FrameSet.Empty.Distinct().Should().BeSameAs(FrameSet.Empty);
    }

    [Fact]
    public void Normalize_sorts_and_removes_repeats()
    {
        FrameSet.Parse("10-1:-5,3,20").Normalize().Should().Equal(Enumerable.Range(1, 10).Concat(new[] { 20 }));
        FrameSet.Parse("5,-3,5,0").Normalize().Should().Equal(-3, 0, 5);
        FrameSet sorted = FrameSet.Parse("1-10x2");
        sorted.Normalize().Should().BeSameAs(sorted);
        FrameSet.Empty.Normalize().Should().BeSameAs(FrameSet.Empty);
    }

    [Fact]
    public void Intersect_walks_this_set_and_drops_repeats()
    {
        FrameSet outline = FrameSet.Parse("10-1,5,3");
        FrameSet layer = FrameSet.Parse("2-6,100");
        outline.Intersect(layer).Should().Equal(6, 5, 4, 3, 2);
        layer.Intersect(outline).Should().Equal(2, 3, 4, 5, 6);
        outline.Intersect(FrameSet.Parse("50")).Should().BeSameAs(FrameSet.Empty);
        FrameSet all = FrameSet.Parse("1-100");
        all.Intersect(FrameSet.Parse("1-100")).Should().BeSameAs(all);
        FrameSet.Parse("1,1,2").Intersect(FrameSet.Parse("1-2")).Should().Equal(1, 2);

        Action nullOther = () => all.Intersect(null!);
        nullOther.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void From_frames_keeps_order_and_duplicates()
    {
        FrameSet.FromFrames(new[] { 3, 1, 3, -2 }).Should().Equal(3, 1, 3, -2);
        FrameSet.FromFrames(new List<int> { 4, 4 }).Should().Equal(4, 4);
        FrameSet.FromFrames(Enumerable.Range(1, 3).Select(x => x * 2)).Should().Equal(2, 4, 6);
        FrameSet.FromFrames(Array.Empty<int>()).Should().BeSameAs(FrameSet.Empty);
        FrameSet parsed = FrameSet.Parse("1-3");
        FrameSet.FromFrames(parsed).Should().BeSameAs(parsed);

        Action nullFrames = () => FrameSet.FromFrames(null!);
        nullFrames.Should().Throw<ArgumentNullException>();
    }

    [Fact]
    public void From_frames_copies_its_input()
    {
        int[] source = { 1, 2, 3 };
        FrameSet set = FrameSet.FromFrames(source);
        source[0] = 99;
        set[0].Should().Be(1);
        int[] copy = set.ToArray();
        copy[1] = 99;
        set[1].Should().Be(2);
    }

    [Fact]
    public void Equality_is_same_frames_in_same_order()
    {
        FrameSet a = FrameSet.Parse("1-5");
        FrameSet b = FrameSet.Parse("1,2,3,4,5");
        FrameSet c = FrameSet.Parse("5-1");
        a.Equals(b).Should().BeTrue();
        (a == b).Should().BeTrue();
        (a != c).Should().BeTrue();
        a.GetHashCode().Should().Be(b.GetHashCode());
        a.Equals(c).Should().BeFalse();
        a.Equals((object)b).Should().BeTrue();
        a.Equals("1-5").Should().BeFalse();
        a.Equals(null).Should().BeFalse();
        (a == null).Should().BeFalse();
        ((FrameSet?)null == null).Should().BeTrue();
        FrameSet.Parse("1,1").Equals(FrameSet.Parse("1")).Should().BeFalse();
        FrameSet.Parse("10-1x1").Equals(FrameSet.Empty).Should().BeTrue();

        var sets = new HashSet<FrameSet> { a!, b, c };
        sets.Count.Should().Be(2);
    }

    [Fact]
    public void Enumerates_in_order_with_struct_and_interface_enumerators()
    {
        FrameSet set = FrameSet.Parse("3-1,7");
        var seen = new List<int>();
        foreach (int frame in set)
        {
            seen.Add(frame);
        }

        seen.Should().Equal(3, 2, 1, 7);
        ((IEnumerable<int>)set).ToList().Should().Equal(3, 2, 1, 7);
        var untyped = new List<object>();
        foreach (object frame in (IEnumerable)set)
        {
            untyped.Add(frame);
        }

        untyped.Should().Equal(3, 2, 1, 7);

        FrameSet.Enumerator enumerator = set.GetEnumerator();
        enumerator.MoveNext().Should().BeTrue();
        enumerator.Current.Should().Be(3);
        enumerator.Reset();
        enumerator.MoveNext().Should().BeTrue();
        enumerator.Current.Should().Be(3);
        default(FrameSet.Enumerator).MoveNext().Should().BeFalse();
    }

    [Theory]
    [InlineData("1-100", "1-100")]
    [InlineData("1-100x3", "1-100x3")]
    [InlineData("100-1", "100-1x-1")]
    [InlineData("10-6x-2", "10-6x-2")]
    [InlineData("7", "7")]
    [InlineData("1,2", "1-2")]
    [InlineData("1,3", "1,3")]
    [InlineData("3,1", "3,1")]
    [InlineData("1,3,5", "1-5x2")]
    [InlineData("1-10x2,11-100x20,103-108", "1-11x2,31-91x20,103-108")]
    [InlineData("1-5,7-9", "1-5,7-9")]
    [InlineData("1-3,2-4", "1-3,2-4")]
    [InlineData("1-10:5", "1,6,3,5,7,9,2,4,8,10")]
    [InlineData("1,3,10-13", "1,3,10,11,12,13")]
    [InlineData("1,3,10-13,20-30", "1,3,10,11,12,13,20,21,22,23,24,25,26,27,28,29,30")]
    [InlineData("2,4,10-13", "2,4,10,11,12,13")]
    [InlineData("1,2,10-13", "1-2,10-13")]
    [InlineData("-5-3", "-5-3")]
    [InlineData("-20--13", "-20--13")]
    [InlineData("-1--9x-4", "-1--9x-4")]
    [InlineData("5,5,5", "5,5,5")]
    [InlineData("5,5,6,7", "5,5-7")]
    [InlineData("1,3,3,3", "1,3,3,3")]
    [InlineData("1,5,3,6", "1,5,3,6")]
    [InlineData("1,3,6,4", "1,3,6,4")]
    [InlineData("1,3,4,4", "1,3-4,4")]
    [InlineData("13,11,10,12,7,2,-3", "13,11-10,12--3x-5")]
    [InlineData("-24--20:8", "-24,-20,-22--23,-21")]
    [InlineData("-15,-13,-14,-12,-11", "-15,-13--14,-12--11")]
    public void Compact_string_uses_Cuebot_run_encoding(string text, string compact)
    {
        FrameSet set = FrameSet.Parse(text);
        set.ToCompactString().Should().Be(compact);
        set.ToString().Should().Be(compact);
        FrameSet.Parse(compact).Should().Equal(set);
    }
}
