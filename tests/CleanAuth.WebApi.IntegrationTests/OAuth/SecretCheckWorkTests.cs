using System.Collections.Concurrent;
using System.Net;
using CleanAuth.Application.Common.Security;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.IntegrationTests.OAuth;

/// <summary>
/// An unknown client key must cost the same secret check as a wrong secret, or response times
/// would tell which keys exist. Counted rather than timed: timing tests are flaky.
/// </summary>
public sealed class SecretCheckWorkTests(DatabaseFixture database) : IntegrationTest(database)
{
    private readonly CountingSecretHasher _hasher = new();

    private WebApplicationFactory<Program>? _counting;

    private HttpClient _http = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _counting = Factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            // Wrap the real hasher, whatever its type, so the work done stays the real work.
            var real = services.Single(d => d.ServiceType == typeof(ISecretHasher));
            services.Remove(real);
            services.AddSingleton(real.ImplementationType!);
            services.AddSingleton<ISecretHasher>(provider =>
                _hasher.Around((ISecretHasher)provider.GetRequiredService(real.ImplementationType!)));
        }));
        _http = _counting.CreateClient();
    }

    public override async ValueTask DisposeAsync()
    {
        _http.Dispose();
        await _counting!.DisposeAsync();
        await base.DisposeAsync();
    }

    private async Task<HttpStatusCode> RequestTokenAsync(TestClient presented)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            Headers = { Authorization = Basic(presented) },
        };
        using var response = await _http.SendAsync(request, Cancellation);
        return response.StatusCode;
    }

    [Fact]
    public async Task An_unknown_key_costs_one_secret_check_like_a_wrong_secret()
    {
        var client = await CreateClientAsync();

        var unknown = await RequestTokenAsync(client with { ClientId = "ca_ck_NoSuchClientKey" });
        var unknownChecks = _hasher.Verifications.ToArray();
        _hasher.Verifications.Clear();
        var wrong = await RequestTokenAsync(client with { ClientSecret = "ca_cs_wrong" });
        var wrongChecks = _hasher.Verifications.ToArray();

        unknown.Should().Be(HttpStatusCode.Unauthorized);
        wrong.Should().Be(HttpStatusCode.Unauthorized);
        unknownChecks.Should().Equal([false], "the unknown key is checked against no stored hash");
        wrongChecks.Should().Equal([true], "the wrong secret is checked against the stored hash");
    }

    [Fact]
    public async Task A_deactivated_client_is_checked_before_it_is_refused()
    {
        var client = await CreateClientAsync();
        await SendAsync(sender => sender.Send(
            new CleanAuth.Application.Clients.ChangeClientStatus.ChangeClientStatus(client.ClientId, Active: false),
            Cancellation));

        var status = await RequestTokenAsync(client);

        status.Should().Be(HttpStatusCode.Unauthorized);
        _hasher.Verifications.Should().ContainSingle();
    }

    private sealed class CountingSecretHasher
    {
        /// <summary>One entry per Verify call: whether a stored hash was there to compare against.</summary>
        public ConcurrentQueue<bool> Verifications { get; } = new();

        public ISecretHasher Around(ISecretHasher real) => new Counting(real, this);

        private sealed class Counting(ISecretHasher real, CountingSecretHasher counts) : ISecretHasher
        {
            public byte[] Hash(string secret) => real.Hash(secret);

            public bool Verify(string presentedSecret, byte[]? storedHash, byte[]? previousHash = null)
            {
                counts.Verifications.Enqueue(storedHash is not null);
                return real.Verify(presentedSecret, storedHash, previousHash);
            }
        }
    }
}
