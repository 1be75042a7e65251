using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// What the generator cannot see: the security schemes, the health probes (mapped as plain
/// endpoints, which API Explorer skips), and the problem-details schema every error refers to.
/// </summary>
internal sealed class CleanAuthDocumentTransformer : IOpenApiDocumentTransformer
{
    public async Task TransformAsync(
        OpenApiDocument document,
        OpenApiDocumentTransformerContext context,
        CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "CleanAuth API",
            Version = ApiDocumentation.DocumentName,
            Description = """
                Apps trade their client_id and client_secret for an access token at POST /oauth/token
                (RFC 6749) and send it as `Authorization: Bearer <token>`. Client routes take any token;
                user routes need a user token from the password grant.

                Errors: RFC 6749 §5.2 bodies on the token endpoint; 401 with an RFC 6750
                `WWW-Authenticate: Bearer` challenge on protected routes (an `error_description` that
                mentions "expired" means: get a new token; anything else: sign in again); RFC 9457
                problem details everywhere else.

                To try it here: choose Authentication → oauth2, pick the client credentials or password
                flow, enter the client's credentials, and authorize.
                """,
        };

        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        foreach (var (name, scheme) in SecuritySchemes.Create())
        {
            document.Components.SecuritySchemes[name] = scheme;
        }

        document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
        if (!document.Components.Schemas.ContainsKey(Responses.ProblemSchema))
        {
            var problem = await context.GetOrCreateSchemaAsync(typeof(ProblemDetails), null, cancellationToken);
            document.Components.Schemas[Responses.ProblemSchema] = problem;
        }

        document.Tags ??= new HashSet<OpenApiTag>();
        document.Tags.Add(new OpenApiTag { Name = "Health", Description = "Probes for orchestrators." });
        document.Paths ??= [];
        document.Paths["/health/live"] = HealthPath(
            "Liveness probe",
            "The process serves requests. Checks nothing else, so a database outage does not get "
                + "healthy instances restarted.",
            ready: false,
            document);
        document.Paths["/health/ready"] = HealthPath(
            "Readiness probe",
            "The database answers (within 3 seconds).",
            ready: true,
            document);
    }

    private static OpenApiPathItem HealthPath(string summary, string description, bool ready, OpenApiDocument document)
    {
        var responses = new OpenApiResponses
        {
            ["200"] = ready
                ? new OpenApiResponse
                {
                    Description = "Ready.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["application/json"] = new()
                        {
                            Schema = new OpenApiSchema
                            {
                                Type = JsonSchemaType.Object,
                                Properties = new Dictionary<string, IOpenApiSchema>
                                {
                                    ["status"] = new OpenApiSchema { Type = JsonSchemaType.String },
                                },
                            },
                            Example = new JsonObject { ["status"] = "Healthy" },
                        },
                    },
                }
                : new OpenApiResponse
                {
                    Description = "Alive.",
                    Content = new Dictionary<string, OpenApiMediaType>
                    {
                        ["text/plain"] = new()
                        {
                            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
                            Example = JsonValue.Create("Healthy"),
                        },
                    },
                },
        };
        if (ready)
        {
            responses["503"] = Responses.Problem(
                "Not ready: the database does not answer. Retry-After says when to ask again.",
                document,
                new JsonObject
                {
                    ["type"] = "https://tools.ietf.org/html/rfc9110#section-15.6.4",
                    ["title"] = "Not ready",
                    ["status"] = 503,
                    ["detail"] = "The database does not answer.",
                },
                retryAfter: true);
        }

        var operation = new OpenApiOperation
        {
            Summary = summary,
            Description = description,
            OperationId = ready ? "HealthReady" : "HealthLive",
            Tags = new HashSet<OpenApiTagReference> { new("Health", document) },
            Responses = responses,
            // No credentials: probes must work without them, and over plain HTTP.
            Security = [],
        };

        return new OpenApiPathItem
        {
            Operations = new Dictionary<HttpMethod, OpenApiOperation> { [HttpMethod.Get] = operation },
        };
    }
}
