using System.Diagnostics;

namespace CleanAuth.Benchmarks.Host;

/// <summary>
/// Adds services to a host that code we do not change is building. HostApplicationBuilder (and so
/// WebApplicationBuilder) announces <c>HostBuilding</c> on the <c>Microsoft.Extensions.Hosting</c>
/// diagnostic listener with an <see cref="IHostBuilder"/> whose service callbacks still run before
/// the container is built. The EF Core tools and Microsoft.AspNetCore.Mvc.Testing rely on the same
/// event; this is the smallest form of it.
/// </summary>
internal sealed class HostBuildingHook : IObserver<DiagnosticListener>, IDisposable
{
    private const string HostingListenerName = "Microsoft.Extensions.Hosting";
    private const string HostBuildingEvent = "HostBuilding";

    private readonly Action<HostBuilderContext, IServiceCollection> _configureServices;
    private readonly List<IDisposable> _subscriptions = [];
    private readonly Lock _gate = new();
    private IDisposable? _allListeners;
    private int _applied;

    private HostBuildingHook(Action<HostBuilderContext, IServiceCollection> configureServices)
    {
        _configureServices = configureServices;
    }

    /// <summary>Whether a host was built with the extra services.</summary>
    public bool Applied => Volatile.Read(ref _applied) == 1;

    public static HostBuildingHook Install(Action<HostBuilderContext, IServiceCollection> configureServices)
    {
        var hook = new HostBuildingHook(configureServices);
        hook._allListeners = DiagnosticListener.AllListeners.Subscribe(hook);
        return hook;
    }

    public void OnNext(DiagnosticListener value)
    {
        if (value.Name != HostingListenerName)
        {
            return;
        }

        var subscription = value.Subscribe(new EventObserver(this));
        lock (_gate)
        {
            _subscriptions.Add(subscription);
        }
    }

    public void OnCompleted()
    {
    }

    public void OnError(Exception error)
    {
    }

    public void Dispose()
    {
        _allListeners?.Dispose();
        lock (_gate)
        {
            foreach (var subscription in _subscriptions)
            {
                subscription.Dispose();
            }

            _subscriptions.Clear();
        }
    }

    private void OnHostBuilding(IHostBuilder builder)
    {
        builder.ConfigureServices((context, services) =>
        {
            _configureServices(context, services);
            Volatile.Write(ref _applied, 1);
        });
    }

    private sealed class EventObserver(HostBuildingHook hook) : IObserver<KeyValuePair<string, object?>>
    {
        public void OnNext(KeyValuePair<string, object?> value)
        {
            if (value is { Key: HostBuildingEvent, Value: IHostBuilder builder })
            {
                hook.OnHostBuilding(builder);
            }
        }

        public void OnCompleted()
        {
        }

        public void OnError(Exception error)
        {
        }
    }
}
