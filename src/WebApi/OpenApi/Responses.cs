using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>Error responses that many operations share, described once.</summary>
internal static class Responses
{
    public const string ProblemSchema = "ProblemDetails";

    private const string ProblemMediaType = "application/problem+json";

    /// <summary>An RFC 9457 problem-details response.</summary>
    public static OpenApiResponse Problem(
        string description,
        OpenApiDocument? document,
        JsonObject example,
        bool retryAfter = false)
    {
        var response = new OpenApiResponse
        {
            Description = description,
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new()
                {
                    Schema = new OpenApiSchemaReference(ProblemSchema, document),
                    Example = example,
                },
            },
        };
        if (retryAfter)
        {
            response.Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["Retry-After"] = Header("Seconds to wait before trying again."),
            };
        }

        return response;
    }

    /// <summary>The 503 any route that reads the database can give while the database is unreachable.</summary>
    public static OpenApiResponse DatabaseUnavailable(OpenApiDocument? document) => Problem(
        "The database is unreachable. Nothing was decided about the credentials: retry after Retry-After "
            + "seconds, and do not sign the user out.",
        document,
        new JsonObject
        {
            ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
            ["title"] = "Service unavailable",
            ["status"] = 503,
            ["detail"] = "The service cannot reach its database. Try again shortly.",
        },
        retryAfter: true);

    /// <summary>
    /// RFC 6750 §3: a 401 whose <c>WWW-Authenticate</c> challenge tells the app what to do; the body
    /// is a problem-details document with the same words.
    /// </summary>
    public static OpenApiResponse BearerChallenge(OpenApiDocument? document, bool needsUser)
    {
        var examples = new Dictionary<string, IOpenApiExample>
        {
            ["missing"] = Example(
                "No token sent. WWW-Authenticate: Bearer",
                "Authentication required",
                "Send an access token in the Authorization header: 'Bearer <token>'."),
            ["expired"] = Example(
                "Expired: get a new token. WWW-Authenticate: Bearer error=\"invalid_token\", "
                    + "error_description=\"The access token expired; ...\"",
                "Invalid access token",
                "The access token expired; refresh it or request a new one."),
            ["invalid"] = Example(
                "Revoked, altered, or its client or user switched off: sign in again.",
                "Invalid access token",
                "The access token is invalid, revoked, or no longer accepted; sign in again."),
        };
        if (needsUser)
        {
            examples["clientToken"] = Example(
                "A client token on a route that needs a user.",
                "Invalid access token",
                "This endpoint needs a user token: sign a user in with the password grant.");
        }

        return new OpenApiResponse
        {
            Description = needsUser
                ? "No usable user token. Read WWW-Authenticate: 'expired' in error_description means get a "
                    + "new token; anything else means sign the user in again."
                : "No usable token. Read WWW-Authenticate: 'expired' in error_description means get a new "
                    + "token; anything else means get a new client token or sign in again.",
            Headers = new Dictionary<string, IOpenApiHeader>
            {
                ["WWW-Authenticate"] = Header(
                    "RFC 6750 challenge: 'Bearer' when no token was sent; otherwise 'Bearer "
                        + "error=\"invalid_token\", error_description=\"...\"'."),
            },
            Content = new Dictionary<string, OpenApiMediaType>
            {
                [ProblemMediaType] = new()
                {
                    Schema = new OpenApiSchemaReference(ProblemSchema, document),
                    Examples = examples,
                },
            },
        };
    }

    public static OpenApiHeader Header(string description) => new()
    {
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static OpenApiExample Example(string summary, string title, string detail) => new()
    {
        Summary = summary,
        Value = new JsonObject
        {
            ["type"] = "https://www.rfc-editor.org/rfc/rfc6750#section-3.1",
            ["title"] = title,
            ["status"] = 401,
            ["detail"] = detail,
        },
    };
}
