using BenchmarkDotNet.Attributes;
using CleanAuth.Application.Clients;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Application.Tokens.IssueClientToken;
using CleanAuth.Application.Tokens.ValidateToken;
using CleanAuth.Application.Users.RegisterUser;
using CleanAuth.Application.Users.SignInUser;
using CleanAuth.Domain.Clients;
using CleanAuth.Infrastructure.Persistence;
using Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace CleanAuth.Benchmarks.Micro;

/// <summary>
/// Full validation of a token, warm, the way the authentication handler asks for it on every
/// request: a request scope, then <c>ISender.Send(new ValidateToken(token))</c>. Whatever the
/// validator consults (the database today, an in-process cache later) is the app's own, so this
/// runs against a real PostgreSQL from <c>ConnectionStrings__Default</c>; scripts/bench.sh --micro
/// starts a throwaway one. <see cref="ScopeOnly"/> is the part ASP.NET Core pays for any request.
/// </summary>
[MemoryDiagnoser]
public class TokenValidationBenchmarks : IDisposable
{
    private const string Password = "benchmark password that is long enough";

    private IHost? _host;
    private IServiceScopeFactory _scopes = null!;
    private string _clientToken = null!;
    private string _userToken = null!;
    private string _forgedToken = null!;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    /// <summary>A request scope and the sender, with no validation: the baseline to subtract.</summary>
    [Benchmark(Baseline = true)]
    public async Task<object> ScopeOnly()
    {
        await using var scope = _scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<ISender>();
    }

    /// <summary>
    /// A request scope and the handler of <see cref="ValidateToken"/> with everything it depends on,
    /// built but not run: what constructor injection costs before any token is looked at.
    /// </summary>
    [Benchmark]
    public async Task<object> ResolveHandlerOnly()
    {
        await using var scope = _scopes.CreateAsyncScope();
        return scope.ServiceProvider.GetRequiredService<IQueryHandler<ValidateToken, TokenValidationResult>>();
    }

    [Benchmark]
    public Task<TokenValidationResult> ClientToken() => ValidateAsync(_clientToken);

    [Benchmark]
    public Task<TokenValidationResult> UserToken() => ValidateAsync(_userToken);

    /// <summary>A token that is not genuine: refused by the cryptography alone.</summary>
    [Benchmark]
    public Task<TokenValidationResult> ForgedToken() => ValidateAsync(_forgedToken);

    [GlobalCleanup]
    public void Dispose()
    {
        if (_host is not null)
        {
            _host.StopAsync().GetAwaiter().GetResult();
            _host.Dispose();
            _host = null;
        }

        GC.SuppressFinalize(this);
    }

    private async Task<TokenValidationResult> ValidateAsync(string token)
    {
        await using var scope = _scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ISender>().Send(new ValidateToken(token));
    }

    private async Task SetupAsync()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("ConnectionStrings__Default")))
        {
            throw new InvalidOperationException(
                "TokenValidationBenchmarks needs a PostgreSQL database in ConnectionStrings__Default; "
                + "scripts/bench.sh --micro starts a throwaway one. Other benchmarks need none.");
        }

        _host = MicroComposition.Build();
        await _host.Services.MigrateDatabaseAsync();

        // Started, so that whatever the app loads at start (caches, listeners) is loaded.
        await _host.StartAsync();
        _scopes = _host.Services.GetRequiredService<IServiceScopeFactory>();

        await using (var scope = _scopes.CreateAsyncScope())
        {
            var sender = scope.ServiceProvider.GetRequiredService<ISender>();
            var suffix = Guid.NewGuid().ToString("N")[..12];
            var client = await sender.Send(new RegisterClient(
                $"Micro benchmark {suffix}",
                ClientPlatform.Server,
                GrantTypes.ClientCredentials | GrantTypes.Password,
                ExpiresAt: null));
            var credentials = new ClientCredentials(client.Client.ClientId, client.ClientSecret);

            var clientGrant = await sender.Send(new IssueClientToken(credentials));
            _clientToken = clientGrant.Token?.AccessToken
                ?? throw new InvalidOperationException("The client-credentials grant issued no token.");

            var userName = $"micro{suffix}";
            await sender.Send(new RegisterUser(userName, Password));
            var userGrant = await sender.Send(new SignInUser(credentials, userName, Password));
            _userToken = userGrant.Token?.AccessToken
                ?? throw new InvalidOperationException("The password grant issued no token.");
        }

        var characters = _clientToken.ToCharArray();
        characters[^3] = characters[^3] == 'A' ? 'B' : 'A';
        _forgedToken = new string(characters);

        // Warm: the first sight of each token, and the JIT, happen before measuring.
        for (var i = 0; i < 20; i++)
        {
            await Require(_clientToken, valid: true);
            await Require(_userToken, valid: true);
            await Require(_forgedToken, valid: false);
        }
    }

    private async Task Require(string token, bool valid)
    {
        var result = await ValidateAsync(token);
        if ((result.Caller is not null) != valid)
        {
            throw new InvalidOperationException($"Expected the token to be {(valid ? "valid" : "refused")}.");
        }
    }
}
