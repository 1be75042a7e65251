using System.Net;
using System.Net.Http.Json;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.IntegrationTests.Browsers;

/// <summary>Browser apps on configured origins can call the token endpoint and the API; others cannot.</summary>
public sealed class CorsTests(DatabaseFixture database) : IntegrationTest(database)
{
    private const string AppOrigin = "https://app.example.com";

    private WebApplicationFactory<Program>? _configured;

    private HttpClient Browser { get; set; } = null!;

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        _configured = Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Cors:AllowedOrigins:0", "https://App.Example.com/")
            .UseSetting("Cors:AllowedOrigins:1", "http://localhost:3000"));
        Browser = _configured.CreateClient();
    }

    public override async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        if (_configured is not null)
        {
            await _configured.DisposeAsync();
        }

        await base.DisposeAsync();
    }

    [Theory]
    [InlineData("/oauth/token", "POST")]
    [InlineData("/api/v1/users", "POST")]
    [InlineData("/api/v1/notes", "GET")]
    [InlineData("/api/v1/notes/0190a6a4-5b1e-7c3d-8e9f-0a1b2c3d4e5f", "GET")]
    public async Task A_preflight_from_an_allowed_origin_allows_the_token_and_json_headers(string path, string method)
    {
        using var response = await PreflightAsync(Browser, path, AppOrigin, method);

        response.StatusCode.Should().Be(HttpStatusCode.NoContent);
        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(AppOrigin);
        AllowedValues(response, "Access-Control-Allow-Methods").Should().Contain(method);
        AllowedValues(response, "Access-Control-Allow-Headers")
            .Should().Contain(h => h.Equals("authorization", StringComparison.OrdinalIgnoreCase))
            .And.Contain(h => h.Equals("content-type", StringComparison.OrdinalIgnoreCase));
        response.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse();
        response.Headers.Contains("Access-Control-Max-Age").Should().BeTrue();
    }

    [Fact]
    public async Task A_preflight_from_another_origin_gets_no_permission()
    {
        using var response = await PreflightAsync(Browser, "/oauth/token", "https://evil.example", "POST");

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task Without_configured_origins_no_origin_is_allowed()
    {
        using var response = await PreflightAsync(Http, "/oauth/token", AppOrigin, "POST");

        response.Headers.Contains("Access-Control-Allow-Origin").Should().BeFalse();
    }

    [Fact]
    public async Task A_browser_app_gets_a_token_and_reads_the_api_and_its_challenges()
    {
        var client = await CreateClientAsync();
        using var tokenRequest = new HttpRequestMessage(HttpMethod.Post, "/oauth/token")
        {
            Content = JsonContent.Create(new
            {
                grant_type = "client_credentials",
                client_id = client.ClientId,
                client_secret = client.ClientSecret,
            }),
        };
        tokenRequest.Headers.Add("Origin", AppOrigin);

        using var token = await Browser.SendAsync(tokenRequest, Cancellation);
        var accessToken = (await ReadJsonAsync(token)).GetProperty("access_token").GetString()!;
        using var announcements = await SendFromAsync("/api/v1/announcements", accessToken);
        using var challenge = await SendFromAsync("/api/v1/notes", accessToken);

        foreach (var response in new[] { token, announcements, challenge })
        {
            response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal(AppOrigin);
            response.Headers.Vary.Should().Contain("Origin");
            response.Headers.Contains("Access-Control-Allow-Credentials").Should().BeFalse();
        }

        token.StatusCode.Should().Be(HttpStatusCode.OK);
        announcements.StatusCode.Should().Be(HttpStatusCode.OK);
        challenge.StatusCode.Should().Be(HttpStatusCode.Unauthorized);
        AllowedValues(challenge, "Access-Control-Expose-Headers").Should().Contain("WWW-Authenticate");
    }

    [Fact]
    public async Task Origins_can_also_come_as_one_comma_separated_value()
    {
        using var factory = Factory.WithWebHostBuilder(builder => builder
            .UseSetting("Cors:AllowedOrigins", "https://one.example.com, https://two.example.com"));
        using var http = factory.CreateClient();

        using var response = await PreflightAsync(http, "/oauth/token", "https://two.example.com", "POST");

        response.Headers.GetValues("Access-Control-Allow-Origin").Should().Equal("https://two.example.com");
    }

    [Theory]
    [InlineData("*")]
    [InlineData("https://*.example.com")]
    [InlineData("https://app.example.com/path")]
    [InlineData("app.example.com")]
    public void A_wildcard_or_anything_but_an_origin_stops_the_app_at_start(string origin)
    {
        using var factory = Factory.WithWebHostBuilder(builder => builder.UseSetting("Cors:AllowedOrigins:0", origin));

        var start = () => factory.CreateClient();

        start.Should().Throw<OptionsValidationException>().Which.Message.Should().Contain("Cors:AllowedOrigins");
    }

    private Task<HttpResponseMessage> SendFromAsync(string path, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = Bearer(token);
        request.Headers.Add("Origin", AppOrigin);
        return Browser.SendAsync(request, Cancellation);
    }

    private static Task<HttpResponseMessage> PreflightAsync(HttpClient http, string path, string origin, string method)
    {
        var request = new HttpRequestMessage(HttpMethod.Options, path);
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", method);
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type");
        return http.SendAsync(request, Cancellation);
    }

    private static IEnumerable<string> AllowedValues(HttpResponseMessage response, string header) =>
        response.Headers.TryGetValues(header, out var values)
            ? values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries))
            : [];
}
