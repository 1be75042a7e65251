using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.OAuth;

/// <summary>RFC 8414 authorization server metadata.</summary>
public sealed record AuthorizationServerMetadata(
    [property: JsonPropertyName("issuer")] string Issuer,
    [property: JsonPropertyName("token_endpoint")] string TokenEndpoint,
    [property: JsonPropertyName("revocation_endpoint")] string RevocationEndpoint,
    [property: JsonPropertyName("introspection_endpoint")] string IntrospectionEndpoint,
    [property: JsonPropertyName("grant_types_supported")] IReadOnlyList<string> GrantTypesSupported,
    [property: JsonPropertyName("response_types_supported")] IReadOnlyList<string> ResponseTypesSupported,
    [property: JsonPropertyName("token_endpoint_auth_methods_supported")]
    IReadOnlyList<string> TokenEndpointAuthMethodsSupported,
    [property: JsonPropertyName("revocation_endpoint_auth_methods_supported")]
    IReadOnlyList<string> RevocationEndpointAuthMethodsSupported,
    [property: JsonPropertyName("introspection_endpoint_auth_methods_supported")]
    IReadOnlyList<string> IntrospectionEndpointAuthMethodsSupported);

/// <summary>Lets OAuth client libraries find the endpoints and what they support.</summary>
[AllowAnonymous]
[Route(".well-known/oauth-authorization-server")]
[ApiExplorerSettings(IgnoreApi = false)]
public sealed class DiscoveryController(IConfiguration configuration) : ControllerBase
{
    private static readonly string[] ClientAuthenticationMethods = ["client_secret_basic", "client_secret_post"];

    [HttpGet]
    [ProducesResponseType<AuthorizationServerMetadata>(StatusCodes.Status200OK)]
    public AuthorizationServerMetadata Get()
    {
        // Configure OAuth:Issuer in production; otherwise the issuer is where this server was
        // reached (behind a trusted proxy, as the proxy says).
        var issuer = configuration["OAuth:Issuer"]?.TrimEnd('/')
            ?? $"{Request.Scheme}://{Request.Host}{Request.PathBase}";

        return new AuthorizationServerMetadata(
            issuer,
            issuer + "/oauth/token",
            issuer + "/oauth/revoke",
            issuer + "/oauth/introspect",
            TokenController.SupportedGrantTypes,
            // No authorization endpoint (yet): no response type is offered.
            [],
            ClientAuthenticationMethods,
            ClientAuthenticationMethods,
            ClientAuthenticationMethods);
    }
}
