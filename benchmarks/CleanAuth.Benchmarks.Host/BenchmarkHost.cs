using System.Reflection;
using System.Runtime.ExceptionServices;

namespace CleanAuth.Benchmarks.Host;

/// <summary>
/// Runs the WebApi's own entry point, so the benchmark serves exactly the app that
/// src/WebApi/Program.cs composes (its services, middleware, start-up work and admin verbs, today
/// and after any later change), plus the comparison endpoints that only this host adds.
/// </summary>
public static class BenchmarkHost
{
    public static int Main(string[] args)
    {
        var webApi = typeof(WebApi.DependencyInjection).Assembly;
        var entryPoint = webApi.EntryPoint
            ?? throw new InvalidOperationException($"{webApi.GetName().Name} has no entry point to run.");

        using var hook = HostBuildingHook.Install(ComparisonComposition.AddTo);
        try
        {
            return entryPoint.Invoke(null, [args]) switch
            {
                int exitCode => exitCode,
                _ => 0,
            };
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(exception.InnerException);
            throw;
        }
        finally
        {
            if (!hook.Applied)
            {
                // Note: without the hook the comparison endpoints are missing and every figure would be
                // taken against 404s; scripts/bench.sh also checks each endpoint before measuring.
                Console.Error.WriteLine(
                    "The WebApi built no host through HostApplicationBuilder, so the comparison endpoints "
                    + "were not added. Update HostBuildingHook to the way Program.cs now builds its host.");
            }
        }
    }
}
