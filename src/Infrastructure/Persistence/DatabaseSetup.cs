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
        if (connectTimeout is { } connect)
        {
            // Npgsql waits 15 s by default for a server that does not answer; a request should not.
            connectionString = new NpgsqlConnectionStringBuilder(connectionString)
            {
                Timeout = Math.Max(1, (int)Math.Ceiling(connect.TotalSeconds)),
            }.ConnectionString;
        }

        options
            .UseNpgsql(connectionString, npgsql =>
            {
                if (commandTimeout is { } timeout)
                {
                    npgsql.CommandTimeout((int)timeout.TotalSeconds);
                }
            })
            .UseSnakeCaseNamingConvention();
    }
}
