using System.Collections.Concurrent;
using System.Text.Json;
using CleanAuth.Application.Common.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace CleanAuth.Infrastructure.TokenState;

/// <summary>
/// Holds this instance's token state and applies the database's change notifications to it. It
/// is current only while <see cref="TokenStateListener"/> is subscribed and has loaded a full
/// snapshot; otherwise validation goes to the database (fail closed).
/// </summary>
internal sealed partial class TokenStateCache(
    IOptions<TokenOptions> tokenOptions,
    IOptions<TokenStateOptions> options,
    ILogger<TokenStateCache> logger) : ITokenStateCache
{
    /// <summary>The PostgreSQL channel the database's triggers notify on.</summary>
    public const string Channel = "cleanauth_token_state";

    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> _barriers = new();
    private volatile TokenStateSnapshot? _current;
    private volatile bool _resyncRequested;

    /// <summary>Opens connections for barriers; set by the listener once it knows the database.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    public bool ResyncRequested => _resyncRequested;

    public bool TryGetCurrent(out ITokenStateSnapshot snapshot)
    {
        var current = _current;
        snapshot = current!;
        return current is not null;
    }

    public void Install(TokenStateSnapshot snapshot)
    {
        _resyncRequested = false;
        _current = snapshot;
    }

    public void MarkStale()
    {
        _current = null;
        foreach (var barrier in _barriers.Values)
        {
            barrier.TrySetResult();
        }
    }

    public void Prune(DateTimeOffset now) => _current?.Prune(now);

    public async Task SyncAsync(CancellationToken cancellationToken)
    {
        // Not current: validation asks the database, which already has the change.
        if (_current is null || DataSource is not { } dataSource)
        {
            return;
        }

        // A barrier travels the same channel as the changes, after them: once it is back, every
        // change committed before it has been applied here.
        var barrierId = Guid.NewGuid();
        var barrier = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _barriers[barrierId] = barrier;
        try
        {
            await using var notify = dataSource.CreateCommand("SELECT pg_notify(@channel, @payload)");
            notify.Parameters.AddWithValue("channel", Channel);
            notify.Parameters.AddWithValue("payload", $$"""{"k":"b","id":"{{barrierId}}"}""");
            await notify.ExecuteNonQueryAsync(cancellationToken);

            await barrier.Task.WaitAsync(options.Value.SyncTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or NpgsqlException)
        {
            // The channel is slow or gone: stop trusting the state until the listener has reloaded it.
            StateUnsure(logger, exception.GetType().Name);
            _resyncRequested = true;
            MarkStale();
        }
        finally
        {
            _barriers.TryRemove(barrierId, out _);
        }
    }

    /// <summary>Applies one notification; see the migration that creates the triggers for the payloads.</summary>
    public void Apply(string payload)
    {
        using var document = JsonDocument.Parse(payload);
        var change = document.RootElement;
        var kind = change.GetProperty("k").GetString();
        var id = change.GetProperty("id").GetGuid();

        if (kind == "b")
        {
            if (_barriers.TryGetValue(id, out var barrier))
            {
                barrier.TrySetResult();
            }

            return;
        }

        if (_current is not { } snapshot)
        {
            return;
        }

        switch (kind)
        {
            case "t":
                snapshot.RevokeToken(id, change.GetProperty("until").GetDateTimeOffset());
                break;
            case "s":
                snapshot.RevokeSession(id, SessionRevocationKeptUntil(change.GetProperty("at").GetDateTimeOffset()));
                break;
            case "u" when IsDeletion(change):
                snapshot.RemoveUser(id);
                break;
            case "u":
                snapshot.SetUser(id, new CachedUser(
                    change.GetProperty("active").GetBoolean(),
                    OptionalTime(change, "revoked")));
                break;
            case "c" when IsDeletion(change):
                snapshot.RemoveClient(id);
                break;
            case "c":
                snapshot.SetClient(id, new CachedClient(
                    change.GetProperty("key").GetString()!,
                    change.GetProperty("active").GetBoolean(),
                    OptionalTime(change, "expires"),
                    OptionalTime(change, "revoked")));
                break;
        }
    }

    /// <summary>A revoked session matters until the last access token issued in it has expired.</summary>
    public TimeSpan SessionRevocationWindow => tokenOptions.Value.AccessTokenLifetime;

    public DateTimeOffset SessionRevocationKeptUntil(DateTimeOffset revokedAt) => revokedAt + SessionRevocationWindow;

    private static bool IsDeletion(JsonElement change) =>
        change.TryGetProperty("deleted", out var deleted) && deleted.GetBoolean();

    private static DateTimeOffset? OptionalTime(JsonElement change, string name) =>
        change.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetDateTimeOffset()
            : null;

    [LoggerMessage(
        EventId = 1401,
        EventName = "TokenStateUnsure",
        Level = LogLevel.Warning,
        Message = "A change did not come back through the notification channel in time ({Cause}); "
            + "validating against the database until the token state is reloaded")]
    private static partial void StateUnsure(ILogger logger, string cause);
}
