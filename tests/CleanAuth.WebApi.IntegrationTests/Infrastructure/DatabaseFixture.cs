using CleanAuth.Infrastructure.Persistence;
using DotNet.Testcontainers.Builders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Respawn;
using Respawn.Graph;
using Testcontainers.PostgreSql;

namespace CleanAuth.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// One real PostgreSQL database for the whole run: created and migrated at the start, emptied
/// before each test, dropped at the end. The server comes from <c>ConnectionStrings__Default</c>,
/// which scripts/test.sh sets to a throwaway cluster it starts; without it, from a throwaway
/// container when a Docker engine is reachable, so that a plain <c>dotnet test</c> works too.
/// </summary>
public sealed class DatabaseFixture : IAsyncLifetime
{
    /// <summary>The major version scripts/test.sh and docker-compose.yml run.</summary>
    private const string ContainerImage = "postgres:15-alpine";

    private const string NoServer =
        "The integration tests need a PostgreSQL server. Run scripts/test.sh, which starts one; or set "
        + "ConnectionStrings__Default to a server where this role may create databases; or start a Docker "
        + "engine, and a throwaway PostgreSQL container is used.";

    private Respawner? _respawner;

    private PostgreSqlContainer? _container;

    public string ConnectionString { get; private set; } = string.Empty;

    public CleanAuthFactory Factory { get; private set; } = null!;

    private string ServerConnectionString { get; set; } = string.Empty;

    public async ValueTask InitializeAsync()
    {
        ServerConnectionString = await FindServerAsync();
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
        // A write still finishing from the previous test (a parallel request that lost its race)
        // can deadlock with the reset's deletes; PostgreSQL then cancels one side, and the reset
        // is simply run again.
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await OpenAsync();
                await _respawner!.ResetAsync(connection);
                break;
            }
            catch (PostgresException exception) when (exception.SqlState == PostgresErrorCodes.DeadlockDetected
                && attempt < 3)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt));
            }
        }

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
        // When InitializeAsync failed early, its own error is the one worth reading: add none here.
        if (Factory is not null)
        {
            await Factory.DisposeAsync();
            NpgsqlConnection.ClearAllPools();
        }

        if (_container is not null)
        {
            // The throwaway server goes, and the database with it.
            await _container.DisposeAsync();
            return;
        }

        if (ConnectionString.Length == 0)
        {
            return;
        }

        await using var server = new NpgsqlConnection(ServerConnectionString);
        await server.OpenAsync();
        var databaseName = new NpgsqlConnectionStringBuilder(ConnectionString).Database;
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{databaseName}\" WITH (FORCE)", server);
        await drop.ExecuteNonQueryAsync();
    }

    private async Task<string> FindServerAsync()
    {
        if (Environment.GetEnvironmentVariable("ConnectionStrings__Default") is { Length: > 0 } configured)
        {
            return configured;
        }

        try
        {
            // Throws at once when no Docker engine answers; the docker client alone is no sign of one.
            _container = new PostgreSqlBuilder(ContainerImage).Build();
        }
        catch (DockerUnavailableException exception)
        {
            throw new InvalidOperationException(NoServer, exception);
        }

        await _container.StartAsync();
        return _container.GetConnectionString();
    }
}

[CollectionDefinition(nameof(DatabaseCollection))]
public sealed class DatabaseCollection : ICollectionFixture<DatabaseFixture>;
