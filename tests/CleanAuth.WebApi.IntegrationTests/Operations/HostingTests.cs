using System.Net;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;

namespace CleanAuth.WebApi.IntegrationTests.Operations;

public sealed class HostingTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    public async Task Health_endpoints_answer_without_credentials(string path)
    {
        using var response = await GetAsync(path, token: null);

        response.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_api_description_and_reference_page_are_served()
    {
        using var document = await GetAsync("/openapi/v1.json", token: null);
        using var page = await GetAsync("/scalar/v1", token: null);

        document.StatusCode.Should().Be(HttpStatusCode.OK);
        var paths = (await ReadJsonAsync(document)).GetProperty("paths");
        var routes = new[]
        {
            "/oauth/token",
            "/api/v1/users",
            "/api/v1/users/me",
            "/api/v1/notes",
            "/api/v1/announcements",
        };
        foreach (var route in routes)
        {
            paths.TryGetProperty(route, out _).Should().BeTrue($"{route} should be described");
        }

        page.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Responses_carry_nosniff()
    {
        using var response = await GetAsync("/health/live", token: null);

        response.Headers.GetValues("X-Content-Type-Options").Should().Equal("nosniff");
    }

    [Fact]
    public async Task Plain_http_is_refused_not_redirected_when_https_is_required()
    {
        using var strict = Factory.WithWebHostBuilder(builder => builder.UseSetting("Https:Required", "true"));
        using var http = strict.CreateClient(new() { AllowAutoRedirect = false });
        using var token = await http.PostAsync(
            "/oauth/token",
            new FormUrlEncodedContent([new("grant_type", "client_credentials")]),
            Cancellation);
        using var health = await http.GetAsync("/health/live", Cancellation);

        using var notes = await http.GetAsync("/api/v1/notes", Cancellation);
        using var metadata = await http.GetAsync("/.well-known/oauth-authorization-server", Cancellation);

        token.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        token.Headers.Location.Should().BeNull();
        (await ReadJsonAsync(token)).GetProperty("error").GetString().Should().Be("invalid_request");
        notes.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(notes)).GetProperty("title").GetString().Should().Be("HTTPS required");
        metadata.StatusCode.Should().Be(HttpStatusCode.BadRequest);
        (await ReadJsonAsync(metadata)).GetProperty("title").GetString().Should().Be("HTTPS required");
        health.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Unknown_routes_are_404_problems()
    {
        using var response = await GetAsync("/api/v1/nothing-here", token: null);

        response.StatusCode.Should().Be(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.Should().Be("application/problem+json");
    }
}
