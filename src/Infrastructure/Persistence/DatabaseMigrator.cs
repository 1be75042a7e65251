using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Infrastructure.Persistence;

public static class DatabaseMigrator
{
    /// <summary>
    /// Creates the database when it does not exist yet, then applies pending migrations.
    /// Returns how many migrations were applied.
    /// </summary>
    public static async Task<int> MigrateDatabaseAsync(
        this IServiceProvider services,
        CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>();

        // Checked first, so that a first start does not log a failed connection to a missing database.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }

        // A new database has no history table yet, and EF Core logs its first look at a missing one as
        // a failed command; creating it up front keeps a normal first start free of error lines.
        await db.GetService<IHistoryRepository>().CreateIfNotExistsAsync(cancellationToken);
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();

        await db.Database.MigrateAsync(cancellationToken);
        return pending;
    }
}
