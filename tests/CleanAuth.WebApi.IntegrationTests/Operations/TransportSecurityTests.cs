using System.Net;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

/// <summary>HSTS, the HTTPS requirement and forwarded headers, and the headers every answer carries.</summary>
public sealed class TransportSecurityTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const string Proxy = "10.0.0.5";

    private readonly List<IAsyncDisposable> _factories = [];

    public override async ValueTask DisposeAsync()
    {
        foreach (var factory in _factories)
        {
            await factory.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    private HttpClient Client(string baseAddress, params string[] settings)
    {
        var factory = Factory.WithPeers(settings);
        _factories.Add(factory);
        return factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri(baseAddress),
            AllowAutoRedirect = false,
        });
    }

    [Fact]
    public async Task Https_answers_carry_a_one_year_hsts_header_outside_development()
    {
        var https = Client("https://api.example.test", "Https:Required", "true");

        using var response = await https.GetAsync("/health/live", Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Should().Equal("max-age=31536000");
    }

    [Fact]
    public async Task Plain_http_answers_carry_no_hsts_header()
    {
        var http = Client("http://api.example.test", "Https:Required", "false");

        using var response = await http.GetAsync("/health/live", Cancellation);

        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Fact]
    public async Task Development_sends_no_hsts_header()
    {
        var factory = Factory.WithWebHostBuilder(builder => builder
            .UseEnvironment("Development")
            .UseSetting("Database:MigrateOnStartup", "false"));
        _factories.Add(factory);
        using var https = factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://api.example.test"),
        });

        using var response = await https.GetAsync("/health/live", Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Theory]
    [InlineData("/oauth/token")]
    [InlineData("/api/v1/announcements")]
    public async Task A_caller_cannot_claim_https_with_a_forwarded_header_of_its_own(string path)
    {
        var http = Client("http://api.example.test", "Https:Required", "true");
        var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
        };
        request.Headers.Add("X-Forwarded-Proto", "https");

        using var response = await http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        response.Headers.Location.Should().BeNull();
        response.Headers.Contains("Strict-Transport-Security").Should().BeFalse();
    }

    [Fact]
    public async Task A_trusted_proxy_may_say_the_caller_used_https()
    {
        var client = await CreateClientAsync();
        var http = Client(
            "http://api.example.test",
            "Https:Required", "true",
            "ReverseProxy:KnownProxies:0", Proxy);
        var request = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            Headers = { Authorization = Basic(client) },
        }.From(Proxy);
        request.Headers.Add("X-Forwarded-Proto", "https");
        request.Headers.Add("X-Forwarded-For", "198.51.100.7");

        using var response = await http.SendAsync(request, Cancellation);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
        response.Headers.GetValues("Strict-Transport-Security").Should().Equal("max-age=31536000");
    }

    [Theory]
    [InlineData("/api/v1/announcements", HttpStatusCode.Unauthorized)]
    [InlineData("/api/v1/nothing-here", HttpStatusCode.NotFound)]
    [InlineData("/oauth/token", HttpStatusCode.MethodNotAllowed)]
    public async Task Error_answers_carry_nosniff_too(string path, HttpStatusCode status)
    {
        using var response = await GetAsync(path, token: null);

        response.StatusCode.Should().Be(status);
        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Theory]
    [InlineData("client_credentials", HttpStatusCode.Unauthorized)]
    [InlineData("authorization_code", HttpStatusCode.BadRequest)]
    public async Task Token_endpoint_errors_are_never_cached(string grantType, HttpStatusCode status)
    {
        var client = await CreateClientAsync();
        var presented = grantType == "client_credentials" ? client with { ClientSecret = "ca_cs_wrong" } : client;

        using var response = await PostTokenAsync([new("grant_type", grantType)], Basic(presented));

        response.StatusCode.Should().Be(status);
        response.Headers.CacheControl!.NoStore.Should().BeTrue();
        response.Headers.Pragma.ToString().Should().Be("no-cache");
    }
}
