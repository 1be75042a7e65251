using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using CleanAuth.WebApi.Authentication;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.WebApi.IntegrationTests.Documentation;

/// <summary>
/// The API description is checked against the routes the app really maps, read from its endpoint
/// data source, so a new route without a description (or a guard without a security requirement)
/// fails here.
/// </summary>
public sealed partial class ApiDescriptionTests(DatabaseFixture database) : IntegrationTest(database)
{
    private static readonly string[] OurPolicies =
        [ClientTokenDefaults.ClientPolicy, ClientTokenDefaults.ClientAndUserPolicy];

    [Fact]
    public async Task Every_mapped_route_is_described_with_its_methods()
    {
        var paths = (await GetDocumentAsync()).GetProperty("paths");

        var mapped = MappedRoutes().ToList();

        mapped.Should().NotBeEmpty();
        foreach (var route in mapped)
        {
            paths.TryGetProperty(route.Path, out var item).Should().BeTrue($"{route.Path} is mapped");
            foreach (var method in route.Methods)
            {
                item.TryGetProperty(method.ToLowerInvariant(), out _)
                    .Should().BeTrue($"{method} {route.Path} is mapped");
            }
        }

        paths.EnumerateObject().Select(p => p.Name).Should().BeEquivalentTo(mapped.Select(r => r.Path).Distinct());
    }

    [Fact]
    public async Task Guarded_operations_carry_a_bearer_requirement_and_a_401_and_open_ones_do_not()
    {
        var paths = (await GetDocumentAsync()).GetProperty("paths");

        var routes = MappedRoutes().ToList();

        routes.Should().Contain(r => r.Guarded);
        foreach (var route in routes)
        {
            foreach (var method in route.Methods)
            {
                var operation = paths.GetProperty(route.Path).GetProperty(method.ToLowerInvariant());
                var schemes = SecuritySchemesOf(operation);
                if (route.Guarded)
                {
                    schemes.Should().BeEquivalentTo(["oauth2", "bearer"], $"{method} {route.Path} is guarded");
                    operation.GetProperty("responses").TryGetProperty("401", out var challenge).Should().BeTrue();
                    challenge.GetProperty("headers").TryGetProperty("WWW-Authenticate", out _).Should().BeTrue();
                }
                else
                {
                    schemes.Should().NotContain("bearer", $"{method} {route.Path} is open");
                }
            }
        }
    }

    [Fact]
    public async Task The_token_endpoint_describes_both_bodies_both_client_authentications_and_rfc6749_errors()
    {
        var document = await GetDocumentAsync();
        var token = document.GetProperty("paths").GetProperty("/oauth/token").GetProperty("post");

        var content = token.GetProperty("requestBody").GetProperty("content");
        var responses = token.GetProperty("responses");
        var security = token.GetProperty("security").EnumerateArray().ToList();

        content.TryGetProperty("application/x-www-form-urlencoded", out _).Should().BeTrue();
        content.TryGetProperty("application/json", out _).Should().BeTrue();
        security.Should().HaveCount(2);
        security[0].TryGetProperty("clientSecretBasic", out _).Should().BeTrue();
        security[1].EnumerateObject().Should().BeEmpty("client_secret_post needs no header");
        foreach (var status in new[] { "200", "400", "401" })
        {
            responses.TryGetProperty(status, out _).Should().BeTrue(status);
        }

        var request = document.GetProperty("components").GetProperty("schemas").GetProperty("TokenRequest");
        request.GetProperty("properties").EnumerateObject().Select(p => p.Name)
            .Should().BeEquivalentTo(
                ["grant_type", "username", "password", "refresh_token", "client_id", "client_secret"]);
        var oauth2 = document.GetProperty("components").GetProperty("securitySchemes").GetProperty("oauth2");
        oauth2.GetProperty("flows").GetProperty("clientCredentials").GetProperty("tokenUrl").GetString()
            .Should().Be("/oauth/token");
    }

    [Fact]
    public async Task The_reference_page_is_set_up_to_fetch_a_token_itself()
    {
        using var page = await GetAsync("/scalar/v1", token: null);

        page.StatusCode.Should().Be(HttpStatusCode.OK);
        var html = await page.Content.ReadAsStringAsync(Cancellation);
        html.Should().Contain("oauth2").And.Contain("clientCredentials").And.Contain("/oauth/token");
    }

    private async Task<JsonElement> GetDocumentAsync()
    {
        using var response = await GetAsync("/openapi/v1.json", token: null);
        response.StatusCode.Should().Be(HttpStatusCode.OK);
        return await ReadJsonAsync(response);
    }

    private static List<string> SecuritySchemesOf(JsonElement operation) =>
        operation.TryGetProperty("security", out var security)
            ? [.. security.EnumerateArray().SelectMany(r => r.EnumerateObject().Select(s => s.Name))]
            : [];

    /// <summary>Every route the app maps, except the documentation's own (marked excluded).</summary>
    private IEnumerable<(string Path, IReadOnlyList<string> Methods, bool Guarded)> MappedRoutes()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        foreach (var endpoint in endpoints)
        {
            if (endpoint.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is { ExcludeFromDescription: true })
            {
                continue;
            }

            var path = "/" + Constraint().Replace(endpoint.RoutePattern.RawText!.TrimStart('/'), "{$1}");
            IReadOnlyList<string> methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods
                ?? ["GET"];
            var guarded = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is null
                && endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Any(a => OurPolicies.Contains(a.Policy));
            yield return (path, methods, guarded);
        }
    }

    [GeneratedRegex(@"\{([^}:=?]+)[^}]*\}")]
    private static partial Regex Constraint();
}
