using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Npgsql;

namespace CleanAuth.WebApi.IntegrationTests.Infrastructure;

/// <summary>
/// A PostgreSQL cluster of its own, for tests that stop and start the server: the cluster the
/// rest of the suite shares must stay up. Driven through the tested helpers in
/// scripts/lib/postgres.sh, with the binaries and OS user that scripts/test.sh exports
/// (<c>CLEANAUTH_PG_BIN</c>, <c>CLEANAUTH_PG_RUN_AS</c>). Stopped and deleted on dispose, and
/// at process exit should a dispose never come.
/// </summary>
public sealed class OwnPostgres : IAsyncDisposable
{
    private static readonly string[] TestSettings =
        ["fsync=off", "synchronous_commit=off", "full_page_writes=off", "max_connections=100"];

    private readonly string _folder;
    private int _disposed;

    private OwnPostgres(string folder, int port, string password)
    {
        _folder = folder;
        Port = port;
        ServerConnectionString = new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Database = "postgres",
            Username = "cleanauth",
            Password = password,
        }.ConnectionString;
        AppDomain.CurrentDomain.ProcessExit += OnProcessExit;
    }

    public int Port { get; }

    public string ServerConnectionString { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    public static async Task<OwnPostgres> StartAsync(CancellationToken cancellationToken)
    {
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var output = await RunAsync(
            """
            folder=$(pg_make_temp_dir)
            (umask 077 && printf '%s\n' "$CLEANAUTH_OWN_PG_PASSWORD" >"$folder/password")
            pg_throwaway_init "$folder/data" "$folder/password" >&2
            rm -f -- "$folder/password"
            pg_throwaway_start_free_port "$folder/data" "" "$@" >&2
            printf '%s %s\n' "$folder" "$PG_PORT"
            """,
            TestSettings,
            new Dictionary<string, string> { ["CLEANAUTH_OWN_PG_PASSWORD"] = password },
            cancellationToken);

        var parts = output.Trim().Split(' ');
        return new OwnPostgres(parts[0], int.Parse(parts[1], CultureInfo.InvariantCulture), password);
    }

    /// <summary>A connection string for a database on this server, which is created if missing.</summary>
    public async Task<string> CreateDatabaseAsync(string name, CancellationToken cancellationToken)
    {
        await using (var server = new NpgsqlConnection(ServerConnectionString))
        {
            await server.OpenAsync(cancellationToken);
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", server);
            await create.ExecuteNonQueryAsync(cancellationToken);
        }

        return new NpgsqlConnectionStringBuilder(ServerConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>Fast shutdown: sessions are ended, as when an operator stops the server.</summary>
    public Task StopAsync(CancellationToken cancellationToken) =>
        RunAsync("pg_throwaway_stop \"$1\"", [DataFolder], environment: null, cancellationToken);

    /// <summary>Starts the server again from its data, on the same port, so connection strings still hold.</summary>
    public Task StartAgainAsync(CancellationToken cancellationToken) =>
        RunAsync(
            "dir=$1; port=$2; shift 2; pg_throwaway_start \"$dir\" \"$port\" \"$@\" >&2",
            [DataFolder, Port.ToString(CultureInfo.InvariantCulture), .. TestSettings],
            environment: null,
            cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        await RunAsync(
            "pg_throwaway_stop \"$1/data\"; rm -rf -- \"$1\"",
            [_folder],
            environment: null,
            CancellationToken.None);
    }

    private void OnProcessExit(object? sender, EventArgs e) => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private static async Task<string> RunAsync(
        string script,
        IEnumerable<string> args,
        IReadOnlyDictionary<string, string>? environment,
        CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("bash")
        {
            WorkingDirectory = RepositoryRoot(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("set -euo pipefail; source scripts/lib/postgres.sh; " + script);
        start.ArgumentList.Add("own-postgres");
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        if (Environment.GetEnvironmentVariable("CLEANAUTH_PG_BIN") is { Length: > 0 } bin)
        {
            start.Environment["PG_BIN"] = bin;
        }

        if (Environment.GetEnvironmentVariable("CLEANAUTH_PG_RUN_AS") is { Length: > 0 } runAs)
        {
            start.Environment["PG_OS_USER"] = runAs;
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException("Could not start bash to drive PostgreSQL.");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"PostgreSQL helper failed (exit {process.ExitCode}); run the tests with scripts/test.sh, "
                + $"which finds the server binaries. Output:\n{await error}");
        }

        return await output;
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "scripts", "lib", "postgres.sh")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("scripts/lib/postgres.sh not found above " + AppContext.BaseDirectory);
    }
}
