using System.Diagnostics;
using Autoencoders.Data;
using Autoencoders.Models;
using Autoencoders.Native;
using Autoencoders.Tests.Support;
using Autoencoders.Training;
using TorchSharp;

namespace Autoencoders.Tests;

public class ThreadsTests
{
    [Theory]
    [InlineData(2, 0.0, 2)]
    [InlineData(2, 0.3, 2)]
    [InlineData(2, 0.6, 1)]
    [InlineData(2, 1.0, 1)]
    [InlineData(2, 2.0, 1)]
    [InlineData(8, 2.4, 6)]
    [InlineData(8, 2.5, 5)]
    [InlineData(1, 1.0, 1)]
    public void The_automatic_count_leaves_out_cores_other_programs_keep_busy(int cores, double busy, int expected)
    {
        var choice = ThreadPolicy.Automatic(cores, busy);

        Assert.Equal(expected, choice.Count);
        Assert.Contains($"{cores} core", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Without_a_load_reading_every_core_is_used_and_the_reason_says_so()
    {
        var choice = ThreadPolicy.Automatic(4, null);

        Assert.Equal(4, choice.Count);
        Assert.Contains("unknown", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Other_programs_load_is_busy_time_minus_this_process_own_time()
    {
        // Two processors over 100 ticks each (200 in all): 150 busy ticks, 50 of them this process's.
        var before = new CpuLoad.Snapshot(BusyTicks: 1000, TotalTicks: 5000, OwnTicks: 10, Processors: 2);
        var after = new CpuLoad.Snapshot(BusyTicks: 1150, TotalTicks: 5200, OwnTicks: 60, Processors: 2);

        Assert.Equal(1.0, CpuLoad.OtherBusyCores(before, after), 12);
        Assert.Equal(0.0, CpuLoad.OtherBusyCores(after, after), 12);
    }

    [LinuxFact("reads /proc and starts a busy neighbour with /bin/sh")]
    public void A_busy_neighbour_is_seen_as_one_busy_core()
    {
        using var neighbour = BusyNeighbour.Start();
        Thread.Sleep(200);
        var before = CpuLoad.Read()!;
        var neighbourBefore = neighbour.Ticks();
        Thread.Sleep(500);
        var after = CpuLoad.Read()!;
        var neighbourCores = (double)(neighbour.Ticks() - neighbourBefore) / (after.TotalTicks - before.TotalTicks) * after.Processors;

        var others = CpuLoad.OtherBusyCores(before, after);

        // Whatever else the machine runs, the neighbour's own CPU time (from its /proc/PID/stat) is part of what the
        // reading calls other programs' load; clock ticks of 10 ms over half a second allow about ±0.1 core.
        // On a crowded machine the neighbour may get little of a core, but the reading then sees the crowd instead.
        Assert.InRange(others, Math.Max(0.1, neighbourCores - 0.15), after.Processors);
    }

    [LinuxFact("starts a busy neighbour with /bin/sh")]
    public void The_same_seed_gives_the_same_history_with_pinned_threads_beside_a_busy_process()
    {
        var previous = TorchRuntime.Threads;
        try
        {
            TorchRuntime.UseThreads(2);
            var quiet = Losses();
            using var neighbour = BusyNeighbour.Start();
            var busy = Losses();

            // Bit-identical: the same seed, machine and thread count must give the same numbers under any load.
            Assert.Equal(quiet, busy);
        }
        finally
        {
            TorchRuntime.UseThreads(previous.Count);
        }
    }

    [Fact]
    public void Asking_for_threads_sets_libtorch_and_is_recorded_in_the_environment()
    {
        var previous = TorchRuntime.Threads;
        try
        {
            var choice = TorchRuntime.UseThreads(1);

            Assert.Equal(1, choice.Count);
            Assert.Equal(1, torch.get_num_threads());
            Assert.Equal(1, RunEnvironment.Current().Threads);
            Assert.Throws<ArgumentOutOfRangeException>(() => TorchRuntime.UseThreads(0));
        }
        finally
        {
            TorchRuntime.UseThreads(previous.Count);
        }
    }

    [Fact]
    public void A_thread_that_did_torch_work_before_a_change_follows_the_change_once_the_library_trains_on_it()
    {
        var previous = TorchRuntime.Threads;
        using var warmed = new ManualResetEventSlim();
        using var changed = new ManualResetEventSlim();
        var observed = 0;
        try
        {
            TorchRuntime.UseThreads(2);
            var worker = new Thread(() =>
            {
                // libtorch keeps the count per thread: this thread now computes with 2.
                using (torch.ones(1000, 1000).sum())
                {
                }

                warmed.Set();
                changed.Wait();
                observed = CountAfterTraining();
            });
            worker.Start();
            warmed.Wait();
            TorchRuntime.UseThreads(1);
            changed.Set();
            worker.Join();

            Assert.Equal(1, observed);
        }
        finally
        {
            TorchRuntime.UseThreads(previous.Count);
        }
    }

    [Theory]
    [InlineData("avx512", "avx512")]
    [InlineData("avx2", "avx2")]
    [InlineData("default", "default")]
    public void The_cpu_capability_asked_for_in_the_environment_is_the_one_recorded(string requested, string expected)
    {
        Assert.Equal(expected, RunEnvironment.CurrentCpuCapability(requested));
    }

    [Fact]
    public void Without_a_request_the_cpu_capability_is_the_best_the_processor_supports()
    {
        var best = RunEnvironment.CurrentCpuCapability(null);

        Assert.True(best is "avx512" or "avx2" or "default", best);
        Assert.Equal(best, RunEnvironment.CurrentCpuCapability("bogus"));
    }

    [Theory]
    [InlineData("0", "--threads must be at least 1 (got 0).")]
    [InlineData("-3", "--threads must be at least 1 (got -3).")]
    [InlineData("two", "--threads takes a whole number, not 'two'.")]
    public void A_bad_thread_count_exits_with_two_and_one_line(string value, string message)
    {
        foreach (var verb in new[] { "run", "train", "evaluate", "bench" })
        {
            var (code, _, errors) = CliTests.Run(verb, "--threads", value);

            Assert.Equal(2, code);
            Assert.Equal($"error: {message} (see 'autoencoders --help')", errors.Trim());
        }
    }

    private static int CountAfterTraining()
    {
        using var data = SyntheticData.LowRank(samples: 64, features: 8, rank: 2, seed: 1);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 2, HiddenSizes: [4]), [8], seed: 1);
        using var trainer = new Trainer(model, new TrainingOptions(Epochs: 1, BatchSize: 32, Seed: 1));
        trainer.Fit(data);
        return torch.get_num_threads();
    }

    private static List<double> Losses()
    {
        using var data = SyntheticData.LowRank(samples: 2048, features: 64, rank: 4, seed: 11);
        using var model = ModelFactory.Create(new ModelOptions(ModelKind.Dense, LatentSize: 4, HiddenSizes: [32]), [64], seed: 11);
        using var trainer = new Trainer(model, new TrainingOptions(Epochs: 3, BatchSize: 256, LearningRate: 1e-2, Seed: 11));
        return [.. trainer.Fit(data).Epochs.Select(e => e.Loss)];
    }

    /// <summary>A child process that keeps one core busy until disposed.</summary>
    private sealed class BusyNeighbour : IDisposable
    {
        private readonly Process _process;

        private BusyNeighbour(Process process) => _process = process;

        /// <summary>The neighbour's CPU time so far in clock ticks: utime + stime of its /proc/PID/stat.</summary>
        public long Ticks()
        {
            var stat = File.ReadAllText($"/proc/{_process.Id}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return long.Parse(fields[11], System.Globalization.CultureInfo.InvariantCulture) + long.Parse(fields[12], System.Globalization.CultureInfo.InvariantCulture);
        }

        public static BusyNeighbour Start() =>
            new(Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"])) ?? throw new InvalidOperationException("could not start /bin/sh"));

        public void Dispose()
        {
            _process.Kill();
            _process.WaitForExit();
            _process.Dispose();
        }
    }
}
