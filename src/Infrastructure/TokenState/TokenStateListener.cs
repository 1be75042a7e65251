using CleanAuth.Infrastructure.Persistence;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanAuth.Infrastructure.TokenState;

/// <summary>
/// Keeps <see cref="TokenStateCache"/> current: subscribes to the database's change channel
/// (<c>LISTEN</c>), loads a full snapshot, then applies every notification as it comes. When the
/// subscription is lost the state is marked stale at once, so validation falls back to the
/// database until the listener has re-subscribed and reloaded.
/// </summary>
internal sealed partial class TokenStateListener(
    TokenStateCache cache,
    IConfiguration configuration,
    IOptions<TokenStateOptions> options,
    TimeProvider timeProvider,
    ILogger<TokenStateListener> logger) : BackgroundService
{
    private static readonly TimeSpan PruneInterval = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var connectionString = configuration.GetConnectionString(DatabaseSetup.ConnectionStringName);
        if (!options.Value.Enabled || string.IsNullOrEmpty(connectionString))
        {
            return;
        }

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        cache.DataSource = dataSource;

        var retryDelay = TimeSpan.FromMilliseconds(200);
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(connectionString, dataSource, stoppingToken);
            }
            catch (Exception exception) when (!stoppingToken.IsCancellationRequested)
            {
                cache.MarkStale();
                SubscriptionLost(logger, exception.GetType().Name, exception.Message);
                await Task.Delay(retryDelay, stoppingToken);
                retryDelay = retryDelay * 2 < MaxRetryDelay ? retryDelay * 2 : MaxRetryDelay;
                continue;
            }

            retryDelay = TimeSpan.FromMilliseconds(200);
        }

        cache.MarkStale();
    }

    private async Task ListenAsync(
        string connectionString,
        NpgsqlDataSource dataSource,
        CancellationToken stoppingToken)
    {
        var listening = new NpgsqlConnectionStringBuilder(connectionString)
        {
            // A dead connection must be noticed quickly: the state is trusted only while it lives.
            KeepAlive = Math.Max(1, (int)options.Value.KeepAlive.TotalSeconds),
            Pooling = false,
        };
        await using var connection = new NpgsqlConnection(listening.ConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, notification) => cache.Apply(notification.Payload);

        await using (var listen = new NpgsqlCommand($"LISTEN {TokenStateCache.Channel}", connection))
        {
            await listen.ExecuteNonQueryAsync(stoppingToken);
        }

        // Loaded on another connection: notifications wait on this one until the snapshot is in
        // place, and are applied on top of it, so no change falls between the two.
        var now = timeProvider.GetUtcNow();
        var snapshot = await TokenStateLoader.LoadAsync(dataSource, cache, now, stoppingToken);
        cache.Install(snapshot);
        Synchronized(
            logger,
            snapshot.ClientCount,
            snapshot.UserCount,
            snapshot.RevokedTokenCount,
            snapshot.RevokedSessionCount);

        var lastPrune = timeProvider.GetTimestamp();
        while (!stoppingToken.IsCancellationRequested && !cache.ResyncRequested)
        {
            await connection.WaitAsync(options.Value.KeepAlive, stoppingToken);

            if (timeProvider.GetElapsedTime(lastPrune) >= PruneInterval)
            {
                cache.Prune(timeProvider.GetUtcNow());
                lastPrune = timeProvider.GetTimestamp();
            }
        }

        cache.MarkStale();
    }

    [LoggerMessage(
        EventId = 1400,
        EventName = "TokenStateSynchronized",
        Level = LogLevel.Information,
        Message = "Token state loaded and subscribed: {Clients} clients, {Users} users, "
            + "{RevokedTokens} revoked tokens, {RevokedSessions} revoked sessions")]
    private static partial void Synchronized(
        ILogger logger,
        int clients,
        int users,
        int revokedTokens,
        int revokedSessions);

    [LoggerMessage(
        EventId = 1402,
        EventName = "TokenStateSubscriptionLost",
        Level = LogLevel.Warning,
        Message = "Token state subscription lost ({ExceptionType}: {ExceptionMessage}); validating against the "
            + "database until it is back")]
    private static partial void SubscriptionLost(ILogger logger, string exceptionType, string exceptionMessage);
}
