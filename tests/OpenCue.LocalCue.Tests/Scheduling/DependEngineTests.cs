using OpenCue.LocalCue.Intake;
using OpenCue.LocalCue.Scheduling;
using OpenCue.LocalCue.Storage;
using static OpenCue.LocalCue.Tests.Intake.Support.Specs;
using PbDepend = OpenCue.Proto.Depends;
using PbJob = OpenCue.Proto.Jobs;

namespace OpenCue.LocalCue.Tests.Scheduling;

/// <summary>
/// The depend engine on its own, with Cuebot's semantics (facts 5.3, 5.4): depends resolved by intake, created on a
/// book of real jobs (a SQLite store in memory), satisfied and re-activated by hand. No process is started.
/// </summary>
public sealed class DependEngineTests : IDisposable
{
    private const PbJob.FrameState W = PbJob.FrameState.Waiting;
    private const PbJob.FrameState D = PbJob.FrameState.Depend;
    private const PbJob.FrameState S = PbJob.FrameState.Succeeded;

    private readonly SqliteJobStore _store = SqliteJobStore.OpenInMemory();
    private readonly StoreWriter _writer;
    private readonly CueBook _book;
    private readonly DependEngine _depends;

    public DependEngineTests()
    {
        _writer = new StoreWriter(_store);
        _book = new CueBook(_writer, TimeProvider.System);
        _depends = new DependEngine(_book, _writer, satisfyOnlyOnFrameSuccess: true);
    }

    public void Dispose() => _store.Dispose();

    [Fact]
    public void Frame_by_frame_with_equal_chunks_releases_each_frame_by_its_match()
    {
        var depend = Launch(Layer("render", range: "1-3") + Layer("comp", range: "1-3"), Depend("FRAME_BY_FRAME", depLayer: "comp", onLayer: "render"));
        depend.Type.Should().Be(PbDepend.DependType.FrameByFrame);
        depend.Children.Should().HaveCount(3);
        States("comp").Should().Equal(D, D, D);

        Succeed(Frame("render", 2));
        States("comp").Should().Equal(D, W, D);
        depend.Active.Should().BeTrue("two children are still active");

        Succeed(Frame("render", 1));
        Succeed(Frame("render", 3));
        States("comp").Should().Equal(W, W, W);
        depend.Active.Should().BeFalse("the composite is satisfied with its last child");
    }

    [Fact]
    public void Frame_by_frame_on_a_larger_chunk_waits_for_the_chunk_holding_the_frame()
    {
        Launch(Layer("render", range: "1-10", chunk: "5") + Layer("comp", range: "1-10"), Depend("FRAME_BY_FRAME", depLayer: "comp", onLayer: "render"));

        Succeed(Frame("render", 1));
        States("comp").Should().Equal(W, W, W, W, W, D, D, D, D, D);
    }

    [Fact]
    public void Frame_by_frame_on_a_smaller_chunk_waits_for_every_frame_of_its_own_chunk()
    {
        var depend = Launch(Layer("render", range: "1-10") + Layer("comp", range: "1-10", chunk: "5"), Depend("FRAME_BY_FRAME", depLayer: "comp", onLayer: "render"));
        depend.Children.Should().HaveCount(10, "each chunk of 5 waits for the 5 frames it covers");

        foreach (var number in new[] { 1, 2, 3, 4 })
        {
            Succeed(Frame("render", number));
        }

        States("comp").Should().Equal(D, D);
        Succeed(Frame("render", 5));
        States("comp").Should().Equal(W, D);
    }

    [Fact]
    public void Frame_by_frame_on_a_single_chunk_layer_is_a_layer_on_layer()
    {
        var depend = Launch(Layer("render", range: "1-10", chunk: "10") + Layer("comp", range: "1-10"), Depend("FRAME_BY_FRAME", depLayer: "comp", onLayer: "render"));
        depend.Type.Should().Be(PbDepend.DependType.LayerOnLayer);
        depend.IsComposite.Should().BeFalse();
        States("comp").Should().OnlyContain(s => s == D);

        Succeed(Frame("render", 1));
        States("comp").Should().OnlyContain(s => s == W);
    }

    [Fact]
    public void Layer_on_layer_waits_for_the_whole_layer()
    {
        Launch(Layer("render", range: "1-3") + Layer("comp", range: "1-2"), Depend("LAYER_ON_LAYER", depLayer: "comp", onLayer: "render"));

        Succeed(Frame("render", 1));
        Succeed(Frame("render", 2));
        States("comp").Should().Equal(D, D);
        Succeed(Frame("render", 3));
        States("comp").Should().Equal(W, W);
    }

    [Fact]
    public void An_any_frame_layer_on_layer_is_released_by_the_first_success()
    {
        var depend = Launch(Layer("render", range: "1-3") + Layer("comp", range: "1-2"), Depend("LAYER_ON_LAYER", depLayer: "comp", onLayer: "render", anyFrame: "true"));
        depend.AnyFrame.Should().BeTrue();

        Succeed(Frame("render", 3));
        States("comp").Should().Equal(W, W);
    }

    [Fact]
    public void Previous_frame_makes_each_frame_wait_for_the_frame_before_it()
    {
        var depend = Launch(Layer("render", range: "1-3") + Layer("comp", range: "1-3"), Depend("PREVIOUS_FRAME", depLayer: "comp", onLayer: "render"));
        depend.Children.Should().HaveCount(2);
        States("comp").Should().Equal(W, D, D);

        Succeed(Frame("render", 1));
        States("comp").Should().Equal(W, W, D);
    }

    [Fact]
    public void Layer_on_sim_frame_makes_every_frame_wait_for_that_frame()
    {
        Launch(Layer("sim", range: "1-3") + Layer("comp", range: "1-3"), Depend("LAYER_ON_SIM_FRAME", depLayer: "comp", onFrame: "0001-sim"));

        Succeed(Frame("sim", 2));
        States("comp").Should().Equal(D, D, D);
        Succeed(Frame("sim", 1));
        States("comp").Should().Equal(W, W, W);
    }

    [Fact]
    public void Satisfying_by_hand_releases_the_frames_and_stamps_their_eligible_time()
    {
        var depend = Launch(Layer("render", range: "1-2") + Layer("comp", range: "1-2"), Depend("LAYER_ON_LAYER", depLayer: "comp", onLayer: "render"));

        _depends.Satisfy(depend);
        States("comp").Should().Equal(W, W);
        _book.LayerById(LayerOf("comp").Id).Frames.Should().OnlyContain(f => f.EligibleTime > 0 && f.DependCount == 0);
        depend.Active.Should().BeFalse();
    }

    [Fact]
    public void Retrying_a_target_frame_reactivates_what_it_satisfied_and_sends_succeeded_dependents_back_to_depend()
    {
        var depend = Launch(Layer("render", range: "1-2") + Layer("comp", range: "1-2"), Depend("FRAME_BY_FRAME", depLayer: "comp", onLayer: "render"));
        Succeed(Frame("render", 1));
        Succeed(Frame("comp", 1));
        States("comp").Should().Equal(S, D);

        Retry(Frame("render", 1));
        States("comp").Should().Equal(new[] { D, D }, "Cuebot re-activates the FRAME_ON_FRAME child; its trigger sends the succeeded frame to DEPEND");
        depend.Active.Should().BeTrue();

        Succeed(Frame("render", 1));
        States("comp").Should().Equal(new[] { W, D }, "the re-activated dependent runs again");
    }

    /// <summary>
    /// Cuebot's JobManagerSupport.retryFrame stops the retried frame to WAITING, then re-activates only the inactive depends
    /// on that frame (FRAME_ON_FRAME) and on its layer (LAYER_ON_LAYER) through DependManagerService.unsatisfyDepend;
    /// DependDaoJdbc.setActive does not ask how a depend was satisfied. The frame stays WAITING unless its
    /// int_depend_count is above 0 (trigger update_frame_wait_to_dep, V1 schema), and a manual satisfy lowered it.
    /// </summary>
    [Fact]
    public void After_a_manual_satisfy_retried_dependents_come_back_waiting_but_a_retried_target_holds_them_again()
    {
        var depend = Launch(Layer("render", range: "1-2") + Layer("comp", range: "1-2"), Depend("LAYER_ON_LAYER", depLayer: "comp", onLayer: "render"));
        _depends.Satisfy(depend);
        Succeed(Frame("comp", 1));
        Succeed(Frame("comp", 2));

        Retry(Frame("comp", 1));
        Retry(Frame("comp", 2));
        States("comp").Should().Equal(new[] { W, W }, "retrying the depend-er re-activates nothing: its depend count is 0");
        depend.Active.Should().BeFalse();

        Retry(Frame("render", 1));
        depend.Active.Should().BeTrue("retrying the target re-activates the LAYER_ON_LAYER, however it was satisfied");
        States("comp").Should().Equal(D, D);
    }

    private CueDepend Launch(string layers, string depend)
    {
        var parsed = Parse(Spec(Job(layers), Depends(depend)));
        var jobs = new Dictionary<JobDefinition, CueJob>(ReferenceEqualityComparer.Instance);
        var created = parsed.Jobs.Select(d => jobs[d] = _book.CreateJob(d, Path.GetTempPath())).ToList();
        var depends = _depends.Create(parsed.Depends, jobs);
        foreach (var job in created)
        {
            _book.Register(job);
        }

        _writer.Insert(created, depends);
        return depends.Single();
    }

    private CueLayer LayerOf(string name) => _book.Jobs.Values.Single().LayersByName[name];

    private CueFrame Frame(string layer, int number) => LayerOf(layer).FramesByNumber[number];

    private List<PbJob.FrameState> States(string layer) => LayerOf(layer).Frames.Select(f => f.State).ToList();

    private void Succeed(CueFrame frame)
    {
        _book.SetFrameState(frame, S);
        _depends.OnFrameDone(frame);
    }

    private void Retry(CueFrame frame)
    {
        _book.SetFrameState(frame, W);
        _depends.OnFrameRetried(frame);
    }
}
