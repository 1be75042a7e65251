using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

internal static class DatabaseSetup
{
    public const string ConnectionStringName = "Default";

    public static void Configure(DbContextOptionsBuilder options, string connectionString, TimeSpan? commandTimeout)
    {
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
