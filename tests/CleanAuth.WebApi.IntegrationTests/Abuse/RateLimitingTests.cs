using System.Net;
using System.Net.Http.Json;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanAuth.WebApi.IntegrationTests.Abuse;

/// <summary>Per-address request limits and the per-(client key, address) failed-secret throttle.</summary>
public sealed class RateLimitingTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const string Alice = "198.51.100.7";
    private const string Bob = "203.0.113.9";

    private WebApplicationFactory<Program>? _limited;

    public override async ValueTask DisposeAsync()
    {
        if (_limited is not null)
        {
            await _limited.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    /// <summary>The app with limits on and these settings; the rest of the suite runs without limits.</summary>
    private HttpClient Limited(params string[] settings)
    {
        _limited = Factory.WithPeers(["RateLimiting:Enabled", "true", .. settings]);
        return _limited.CreateClient();
    }

    private static HttpRequestMessage TokenRequest(TestClient client, string peer) =>
        new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            Headers = { Authorization = Basic(client) },
        }.From(peer);

    private static HttpRequestMessage SignUpRequest(string clientToken, string username, string peer) =>
        new HttpRequestMessage(HttpMethod.Post, "/api/v1/users")
        {
            Content = JsonContent.Create(new { username, password = StrongPassword }),
            Headers = { Authorization = Bearer(clientToken) },
        }.From(peer);

    private static async Task<HttpStatusCode> StatusAsync(HttpClient http, HttpRequestMessage request)
    {
        using var response = await http.SendAsync(request, Cancellation);
        return response.StatusCode;
    }

    private static async Task ShouldBeTooManyRequestsAsync(HttpResponseMessage response, string contentType)
    {
        response.StatusCode.Should().Be(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter!.Delta!.Value.Should().BePositive();
        response.Content.Headers.ContentType!.MediaType.Should().Be(contentType);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Oauth_requests_over_the_per_address_limit_get_429_with_retry_after_and_an_oauth_body()
    {
        var client = await CreateClientAsync();
        var http = Limited("RateLimiting:OAuth:PermitLimit", "3");
        for (var i = 0; i < 3; i++)
        {
            (await StatusAsync(http, TokenRequest(client, Alice))).Should().Be(HttpStatusCode.OK);
        }

        using var refused = await http.SendAsync(TokenRequest(client, Alice), Cancellation);

        await ShouldBeTooManyRequestsAsync(refused, "application/json");
        refused.Headers.RetryAfter!.Delta.Should().Be(TimeSpan.FromMinutes(1));
        refused.Headers.CacheControl!.NoStore.Should().BeTrue();
        var body = await ReadJsonAsync(refused);
        body.GetProperty("error").GetString().Should().Be("slow_down");
        body.GetProperty("error_description").GetString().Should().NotBeNullOrEmpty();
        Factory.Logs.Events.Should().Contain(e => e.IsSecurityEvent(1300));
    }

    [Fact]
    public async Task Every_address_has_its_own_budget()
    {
        var client = await CreateClientAsync();
        var http = Limited("RateLimiting:OAuth:PermitLimit", "2");
        await StatusAsync(http, TokenRequest(client, Alice));
        await StatusAsync(http, TokenRequest(client, Alice));

        (await StatusAsync(http, TokenRequest(client, Alice))).Should().Be(HttpStatusCode.TooManyRequests);
        (await StatusAsync(http, TokenRequest(client, Bob))).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task An_ipv6_caller_cannot_escape_the_limit_by_changing_addresses_within_its_64()
    {
        var client = await CreateClientAsync();
        var http = Limited("RateLimiting:OAuth:PermitLimit", "2");
        await StatusAsync(http, TokenRequest(client, "2001:db8:1:2::1"));
        await StatusAsync(http, TokenRequest(client, "2001:db8:1:2::2"));

        (await StatusAsync(http, TokenRequest(client, "2001:db8:1:2:ffff::3")))
            .Should().Be(HttpStatusCode.TooManyRequests);
        (await StatusAsync(http, TokenRequest(client, "2001:db8:1:3::1"))).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_limit_lifts_when_its_window_has_passed()
    {
        var client = await CreateClientAsync();
        var http = Limited("RateLimiting:OAuth:PermitLimit", "1", "RateLimiting:OAuth:Window", "00:00:01");
        await StatusAsync(http, TokenRequest(client, Alice));
        (await StatusAsync(http, TokenRequest(client, Alice))).Should().Be(HttpStatusCode.TooManyRequests);

        // The framework's limiters keep real time, not the fake clock.
        await Task.Delay(TimeSpan.FromSeconds(2.2), Cancellation);

        (await StatusAsync(http, TokenRequest(client, Alice))).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Sign_ups_over_the_per_address_limit_get_429_with_a_problem_body()
    {
        var clientToken = await GetClientTokenAsync(await CreateClientAsync());
        var http = Limited("RateLimiting:SignUp:PermitLimit", "2");
        (await StatusAsync(http, SignUpRequest(clientToken, "alice", Alice))).Should().Be(HttpStatusCode.Created);
        (await StatusAsync(http, SignUpRequest(clientToken, "bob", Alice))).Should().Be(HttpStatusCode.Created);

        using var refused = await http.SendAsync(SignUpRequest(clientToken, "carol", Alice), Cancellation);
        using var otherAddress = await http.SendAsync(SignUpRequest(clientToken, "dave", Bob), Cancellation);
        using var otherEndpoint = await http.SendAsync(
            new HttpRequestMessage(HttpMethod.Get, "/api/v1/announcements")
            {
                Headers = { Authorization = Bearer(clientToken) },
            }.From(Alice),
            Cancellation);

        await ShouldBeTooManyRequestsAsync(refused, "application/problem+json");
        (await ReadJsonAsync(refused)).GetProperty("status").GetInt32().Should().Be(429);
        otherAddress.StatusCode.Should().Be(HttpStatusCode.Created);
        otherEndpoint.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Wrong_secrets_from_one_address_throttle_that_key_there_and_nowhere_else()
    {
        var client = await CreateClientAsync();
        var other = await CreateClientAsync(name: "iOS 3.1");
        var http = Limited("RateLimiting:FailedClientSecrets:PermitLimit", "3");
        var wrong = client with { ClientSecret = "ca_cs_wrong" };
        for (var i = 0; i < 3; i++)
        {
            (await StatusAsync(http, TokenRequest(wrong, Alice))).Should().Be(HttpStatusCode.Unauthorized);
        }

        var checkedBefore = Factory.Logs.Events.Count(e => e.IsSecurityEvent(1010));
        using var rightSecretFromThere = await http.SendAsync(TokenRequest(client, Alice), Cancellation);
        var fromElsewhere = await StatusAsync(http, TokenRequest(client, Bob));
        var otherKeyFromThere = await StatusAsync(http, TokenRequest(other, Alice));

        await ShouldBeTooManyRequestsAsync(rightSecretFromThere, "application/json");
        (await ReadJsonAsync(rightSecretFromThere)).GetProperty("error").GetString().Should().Be("slow_down");
        Factory.Logs.Events.Count(e => e.IsSecurityEvent(1010)).Should().Be(checkedBefore, "the secret is not checked");
        fromElsewhere.Should().Be(HttpStatusCode.OK);
        otherKeyFromThere.Should().Be(HttpStatusCode.OK);
        Factory.Logs.Events.Should().ContainSingle(e => e.IsSecurityEvent(1301));
    }

    [Fact]
    public async Task Right_secrets_use_no_part_of_the_failure_budget()
    {
        var client = await CreateClientAsync();
        var http = Limited("RateLimiting:FailedClientSecrets:PermitLimit", "2");

        for (var i = 0; i < 5; i++)
        {
            (await StatusAsync(http, TokenRequest(client, Alice))).Should().Be(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Secrets_sent_in_a_json_body_count_like_basic_credentials()
    {
        var client = await CreateClientAsync();
        var http = Limited("RateLimiting:FailedClientSecrets:PermitLimit", "2");
        HttpRequestMessage JsonRequest(string secret) => new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = JsonContent.Create(new
            {
                grant_type = "client_credentials",
                client_id = client.ClientId,
                client_secret = secret,
            }),
        }.From(Alice);

        await StatusAsync(http, JsonRequest("ca_cs_wrong1"));
        await StatusAsync(http, JsonRequest("ca_cs_wrong2"));

        (await StatusAsync(http, JsonRequest(client.ClientSecret))).Should().Be(HttpStatusCode.TooManyRequests);
        (await StatusAsync(http, TokenRequest(client, Alice))).Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task A_spoofed_forwarded_for_from_an_untrusted_peer_does_not_reset_a_limit()
    {
        var client = await CreateClientAsync();
        var http = Limited("RateLimiting:OAuth:PermitLimit", "2");
        await StatusAsync(http, TokenRequest(client, Alice));
        await StatusAsync(http, TokenRequest(client, Alice));

        foreach (var spoofed in new[] { Bob, "10.1.2.3", "2001:db8::1", "unknown", "198.51.100.7, 203.0.113.1" })
        {
            var request = TokenRequest(client, Alice);
            request.Headers.TryAddWithoutValidation("X-Forwarded-For", spoofed);
            (await StatusAsync(http, request)).Should().Be(HttpStatusCode.TooManyRequests, spoofed);
        }
    }

    [Fact]
    public async Task Behind_a_trusted_proxy_the_forwarded_address_is_the_one_counted()
    {
        const string proxy = "10.0.0.5";
        var client = await CreateClientAsync();
        var http = Limited(
            "RateLimiting:OAuth:PermitLimit", "2",
            "RateLimiting:FailedClientSecrets:PermitLimit", "2",
            "ReverseProxy:KnownProxies:0", proxy);
        HttpRequestMessage Via(TestClient presented, string caller)
        {
            var request = TokenRequest(presented, proxy);
            request.Headers.Add("X-Forwarded-For", caller);
            return request;
        }

        await StatusAsync(http, Via(client with { ClientSecret = "ca_cs_wrong" }, Alice));
        await StatusAsync(http, Via(client with { ClientSecret = "ca_cs_wrong" }, Alice));

        (await StatusAsync(http, Via(client, Alice))).Should().Be(HttpStatusCode.TooManyRequests);
        (await StatusAsync(http, Via(client, Bob))).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(http, Via(client, Bob))).Should().Be(HttpStatusCode.OK);
        (await StatusAsync(http, Via(client, Bob))).Should().Be(HttpStatusCode.TooManyRequests);
    }

    [Fact]
    public async Task Switched_off_nothing_is_limited()
    {
        var client = await CreateClientAsync();
        _limited = Factory.WithPeers(
            "RateLimiting:Enabled", "false",
            "RateLimiting:OAuth:PermitLimit", "1",
            "RateLimiting:FailedClientSecrets:PermitLimit", "1");
        var http = _limited.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            (await StatusAsync(http, TokenRequest(client with { ClientSecret = "ca_cs_wrong" }, Alice)))
                .Should().Be(HttpStatusCode.Unauthorized);
        }

        (await StatusAsync(http, TokenRequest(client, Alice))).Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task With_the_default_limits_64_parallel_token_requests_get_64_distinct_tokens()
    {
        var client = await CreateClientAsync();
        var http = Limited();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 64).Select(async _ =>
        {
            using var response = await http.SendAsync(TokenRequest(client, Alice), Cancellation);
            response.StatusCode.Should().Be(HttpStatusCode.OK);
            return (await ReadJsonAsync(response)).GetProperty("access_token").GetString();
        }));

        tokens.Should().OnlyHaveUniqueItems().And.HaveCount(64);
    }
}
