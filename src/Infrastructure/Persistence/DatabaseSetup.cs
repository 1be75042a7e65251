using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanAuth.Infrastructure.Persistence;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Default";

    public static void Configure(
        DbContextOptionsBuilder options,
        string connectionString,
        TimeSpan? commandTimeout,
        TimeSpan? connectTimeout = null)
    {
        // The app sets no session state (no SET, temporary tables or advisory locks), so a pooled
        // connection needs no DISCARD ALL before reuse: that would cost a round trip per query.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };
        if (connectTimeout is { } connect)
        {
            // Npgsql waits 15 s by default for a server that does not answer; a request should not.
            pooled.Timeout = Math.Max(1, (int)Math.Ceiling(connect.TotalSeconds));
        }

        options
            .UseNpgsql(pooled.ConnectionString, npgsql =>
            {
                if (commandTimeout is { } timeout)
                {
                    npgsql.CommandTimeout((int)timeout.TotalSeconds);
                }
            })
            .UseSnakeCaseNamingConvention();
    }
}
