using Npgsql;

namespace CleanAuth.Infrastructure.TokenState;

/// <summary>Reads a complete token state from the database.</summary>
internal static class TokenStateLoader
{
    private static readonly string[] ParameterNames = ["now", "since"];

    public static async Task<TokenStateSnapshot> LoadAsync(
        NpgsqlDataSource dataSource,
        TokenStateCache cache,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        var snapshot = new TokenStateSnapshot();
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken);

        // One repeatable-read transaction: the four reads see the same moment.
        await using var transaction = await connection.BeginTransactionAsync(
            System.Data.IsolationLevel.RepeatableRead,
            cancellationToken);

        await ReadAsync(
            connection,
            "SELECT id, client_key, is_active, expires_at, tokens_revoked_at FROM api_clients",
            now,
            reader => snapshot.SetClient(reader.GetGuid(0), new(
                reader.GetString(1),
                reader.GetBoolean(2),
                OptionalTime(reader, 3),
                OptionalTime(reader, 4))),
            cancellationToken);

        await ReadAsync(
            connection,
            "SELECT id, is_active, tokens_revoked_at FROM users",
            now,
            reader => snapshot.SetUser(reader.GetGuid(0), new(reader.GetBoolean(1), OptionalTime(reader, 2))),
            cancellationToken);

        await ReadAsync(
            connection,
            "SELECT id, expires_at FROM access_tokens WHERE revoked_at IS NOT NULL AND expires_at > @now",
            now,
            reader => snapshot.RevokeToken(reader.GetGuid(0), reader.GetFieldValue<DateTimeOffset>(1)),
            cancellationToken);

        await ReadAsync(
            connection,
            "SELECT id, revoked_at FROM refresh_token_families WHERE revoked_at IS NOT NULL AND revoked_at > @since",
            now - cache.SessionRevocationWindow,
            reader => snapshot.RevokeSession(
                reader.GetGuid(0),
                cache.SessionRevocationKeptUntil(reader.GetFieldValue<DateTimeOffset>(1))),
            cancellationToken);

        await transaction.CommitAsync(cancellationToken);
        return snapshot;
    }

    private static async Task ReadAsync(
        NpgsqlConnection connection,
        string sql,
        DateTimeOffset moment,
        Action<NpgsqlDataReader> read,
        CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var name in ParameterNames.Where(name => sql.Contains('@' + name, StringComparison.Ordinal)))
        {
            command.Parameters.AddWithValue(name, moment);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            read(reader);
        }
    }

    private static DateTimeOffset? OptionalTime(NpgsqlDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetFieldValue<DateTimeOffset>(ordinal);
}
