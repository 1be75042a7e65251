using System.Diagnostics;
using System.Security.Cryptography;
using Npgsql;

namespace CleanAuth.Benchmarks.Driver;

/// <summary>
/// The yardstick for token issuance: plain single-row INSERTs, each its own transaction, through
/// Npgsql on the app's database, with as many in flight as the issuance load. The row is shaped
/// like a token record (a time-ordered id, a 32-byte hash, two timestamps). It lives in a schema
/// of its own, which the run creates and drops; the app's schema is not touched.
/// </summary>
internal static class InsertLoop
{
    private const string Schema = "benchmark_scratch";
    private const int MaxRowsPerWorker = 10_000_000;

    public static async Task<int> RunAsync(Arguments arguments)
    {
        var seconds = arguments.Int("seconds", max: 600);
        var concurrency = arguments.Int("concurrency", max: 64);
        var connectionString = new NpgsqlConnectionStringBuilder(Arguments.Environment("ConnectionStrings__Default"))
        {
            MaxPoolSize = concurrency + 1,
        }.ConnectionString;

        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await ExecuteAsync(dataSource, $"""
            CREATE SCHEMA IF NOT EXISTS {Schema};
            CREATE TABLE IF NOT EXISTS {Schema}.insert_probe (
                id uuid PRIMARY KEY,
                hash bytea NOT NULL,
                issued_at timestamptz NOT NULL,
                expires_at timestamptz NOT NULL);
            """);

        try
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
            var stopwatch = Stopwatch.StartNew();
            var counts = await Task.WhenAll(
                Enumerable.Range(0, concurrency).Select(_ => InsertUntilAsync(dataSource, deadline.Token)));
            var elapsed = stopwatch.Elapsed.TotalSeconds;

            Report.Line("inserts", counts.Sum());
            Report.Line("seconds", elapsed);
            Report.Line("per_second", counts.Sum() / elapsed);
            return 0;
        }
        finally
        {
            await ExecuteAsync(dataSource, $"DROP SCHEMA IF EXISTS {Schema} CASCADE");
        }
    }

    private static async Task<long> InsertUntilAsync(NpgsqlDataSource dataSource, CancellationToken deadline)
    {
        await using var connection = await dataSource.OpenConnectionAsync(CancellationToken.None);
        long count = 0;
        while (!deadline.IsCancellationRequested && count < MaxRowsPerWorker)
        {
            var now = DateTimeOffset.UtcNow;
            await using var command = new NpgsqlCommand(
                $"INSERT INTO {Schema}.insert_probe (id, hash, issued_at, expires_at) VALUES ($1, $2, $3, $4)",
                connection);
            command.Parameters.Add(new NpgsqlParameter { Value = Guid.CreateVersion7(now) });
            command.Parameters.Add(new NpgsqlParameter { Value = RandomNumberGenerator.GetBytes(32) });
            command.Parameters.Add(new NpgsqlParameter { Value = now });
            command.Parameters.Add(new NpgsqlParameter { Value = now.AddHours(1) });

            // Started statements finish: stopping mid-INSERT would count work that was not done.
            await command.ExecuteNonQueryAsync(CancellationToken.None);
            count++;
        }

        return count;
    }

    private static async Task ExecuteAsync(NpgsqlDataSource dataSource, string sql)
    {
        await using var command = dataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }
}
