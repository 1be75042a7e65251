using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>The security schemes the API description declares, by the names operations refer to.</summary>
internal static class SecuritySchemes
{
    public const string TokenPath = "/oauth/token";

    /// <summary>A token pasted by hand: <c>Authorization: Bearer ca_at_...</c>.</summary>
    public const string Bearer = "bearer";

    /// <summary>The same bearer token, fetched by the reference page from the token endpoint.</summary>
    public const string OAuth2 = "oauth2";

    /// <summary>Client key and secret by HTTP Basic on the token endpoint (RFC 6749 §2.3.1).</summary>
    public const string ClientSecretBasic = "clientSecretBasic";

    public static IDictionary<string, IOpenApiSecurityScheme> Create() =>
        new Dictionary<string, IOpenApiSecurityScheme>
        {
            [Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "opaque",
                Description = "An access token from POST /oauth/token (ca_at_...). A client token "
                    + "(client_credentials grant) opens client routes; a user token (password grant) "
                    + "opens client routes and user routes.",
            },
            [OAuth2] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.OAuth2,
                Description = "Lets the reference page fetch a token itself. Client credentials give a "
                    + "client token; password gives a user token. No scopes.",
                Flows = new OpenApiOAuthFlows
                {
                    ClientCredentials = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri(TokenPath, UriKind.Relative),
                        Scopes = new Dictionary<string, string>(),
                    },
                    Password = new OpenApiOAuthFlow
                    {
                        TokenUrl = new Uri(TokenPath, UriKind.Relative),
                        Scopes = new Dictionary<string, string>(),
                    },
                },
            },
            [ClientSecretBasic] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "basic",
                Description = "client_id as the user name and client_secret as the password, each "
                    + "form-urlencoded first (RFC 6749 §2.3.1). The alternative, client_secret_post, "
                    + "sends both as body parameters instead; never use both in one request.",
            },
        };

    public static OpenApiSecurityRequirement Requirement(string scheme, OpenApiDocument? document) =>
        new() { [new OpenApiSecuritySchemeReference(scheme, document)] = [] };
}
