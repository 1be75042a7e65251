using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CleanAuth.Benchmarks.Micro;

/// <summary>
/// Entry point: <c>scripts/bench.sh --micro</c> runs every benchmark with a short job; any
/// BenchmarkDotNet argument (<c>--filter *Protection*</c>, <c>--job medium</c>) can be passed.
/// </summary>
public static class MicroBenchmarks
{
    public static void Main(string[] args)
    {
        // In process: no generated project to build (it would inherit this repository's
        // warnings-as-errors build), and the short job keeps a run to a few minutes.
        var config = DefaultConfig.Instance
            .AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance))
            .AddDiagnoser(MemoryDiagnoser.Default);

        BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(args, config);
    }
}
