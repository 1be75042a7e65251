using System.Diagnostics;
using System.Net.Http.Headers;

namespace CleanAuth.Benchmarks.Driver;

/// <summary>
/// Exactly N authenticated GETs, C at a time: the load whose database transactions are counted.
/// Any answer other than 2xx fails the run, because refused requests would be counted as cheap.
/// </summary>
internal static class FixedRequests
{
    public static async Task<int> RunAsync(Arguments arguments)
    {
        var url = arguments.LoopbackUrl("url");
        var count = arguments.Int("count", max: 1_000_000);
        var concurrency = arguments.Int("concurrency", max: 256);
        var token = Arguments.Environment("BENCH_TOKEN");

        using var client = Report.LoopbackClient(concurrency);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var next = -1;
        var failures = 0;
        using var deadline = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var stopwatch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(async _ =>
        {
            while (Interlocked.Increment(ref next) < count)
            {
                using var response = await client.GetAsync(url, deadline.Token);
                if (!response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }));

        Report.Line("requests", count);
        Report.Line("failures", failures);
        Report.Line("seconds", stopwatch.Elapsed.TotalSeconds);
        return failures == 0 ? 0 : 1;
    }
}
