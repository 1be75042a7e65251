using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace CleanAuth.Infrastructure.Persistence;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Default";

    public static void Configure(DbContextOptionsBuilder options, string connectionString, TimeSpan? commandTimeout)
    {
        // The app sets no session state (no SET, temporary tables or advisory locks), so a pooled
        // connection needs no DISCARD ALL before reuse: that would cost a round trip per query.
        var pooled = new NpgsqlConnectionStringBuilder(connectionString) { NoResetOnClose = true };

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
