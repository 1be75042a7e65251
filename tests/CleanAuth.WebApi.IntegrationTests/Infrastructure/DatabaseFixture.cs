using CleanAuth.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Respawn.Graph;

namespace CleanAuth.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// One real PostgreSQL database for the whole run: created and migrated at the start, emptied
/// before each test, dropped at the end. The server comes from <c>ConnectionStrings__Default</c>,
/// which scripts/test.sh sets to a throwaway cluster it starts.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    private Respawner? _respawner;

    public string ConnectionString { get; private set; } = string.Empty;

    public CleanAuthFactory Factory { get; private set; } = null!;

    private string ServerConnectionString { get; } =
        Environment.GetEnvironmentVariable("ConnectionStrings__Default") is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException(
                "The integration tests need a PostgreSQL server. Run scripts/test.sh, which starts one, "
                + "or set ConnectionStrings__Default to a server where this role may create databases.");

    public async ValueTask InitializeAsync()
    {
        var databaseName = $"cleanauth_test_{Guid.NewGuid():N}"[..32];
        await using (var server = new NpgsqlConnection(ServerConnectionString))
        {
            await server.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{databaseName}\"", server);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString)
        {
            Database = databaseName,
        }.ConnectionString;
        Factory = new CleanAuthFactory(ConnectionString);

        await using (var scope = Factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<CleanAuthDbContext>().Database.MigrateAsync();
        }

        await using var connection = await OpenAsync();
        _respawner = await Respawner.CreateAsync(connection, new RespawnerOptions
        {
            DbAdapter = DbAdapter.Postgres,
            SchemasToInclude = ["public"],
            // The key ring stays: instances cache it, and tokens are encrypted with it.
            TablesToIgnore = [new Table("__EFMigrationsHistory"), new Table("data_protection_keys")],
        });
    }

    public async Task ResetAsync()
    {
        await using var connection = await OpenAsync();
        await _respawner!.ResetAsync(connection);
        Factory.Logs.Clear();
    }

    public async Task<NpgsqlConnection> OpenAsync()
    {
        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        NpgsqlConnection.ClearAllPools();

        await using var server = new NpgsqlConnection(ServerConnectionString);
        await server.OpenAsync();
        var databaseName = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }
}

[CollectionDefinition(nameof(DatabaseCollection))]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>;
