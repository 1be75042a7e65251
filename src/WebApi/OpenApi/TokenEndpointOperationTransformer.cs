using System.Text.Json.Nodes;
using CleanAuth.WebApi.OAuth;
using Microsoft.AspNetCore.Mvc.Controllers;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// The token endpoint reads its body by hand (form-encoded or JSON, RFC 6749 §3.2), so the
/// generator sees no parameters: this describes its request, its client authentication and its
/// RFC 6749 §5 responses.
/// </summary>
internal sealed class TokenEndpointOperationTransformer : IOpenApiOperationTransformer
{
    private const string RequestSchema = "TokenRequest";

    public Task TransformAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        // The token endpoint only: other OAuth endpoints (revocation, introspection) take other parameters.
        if (context.Description.ActionDescriptor is not ControllerActionDescriptor action
            || action.ControllerTypeInfo.AsType() != typeof(TokenController))
        {
            return Task.CompletedTask;
        }

        var document = context.Document;
        if (document is not null)
        {
            document.Components ??= new OpenApiComponents();
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[RequestSchema] = TokenRequestSchema();
        }

        operation.Summary = "Get an access token (RFC 6749 token endpoint)";
        operation.Description = """
            `client_credentials` gives a client token; `password` signs a user in and gives a user token
            bound to the client, with a refresh token; `refresh_token` trades that refresh token, once,
            for the session's next pair (presenting a used one ends the session). Authenticate the
            client by HTTP Basic (client_secret_basic) or with `client_id` and `client_secret` in the
            body (client_secret_post), never both. The body is
            form-encoded (standard) or a flat JSON object of strings; parameters may not repeat, and an
            empty value counts as absent. Responses are never cached (`Cache-Control: no-store`).
            """;
        operation.Security =
        [
            SecuritySchemes.Requirement(SecuritySchemes.ClientSecretBasic, document),
            // client_secret_post: the credentials travel in the body, which no security scheme models.
            new OpenApiSecurityRequirement(),
        ];

        var requestExamples = RequestExamples();
        var schema = new OpenApiSchemaReference(RequestSchema, document);
        operation.RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Description = "Token request parameters (at most 16 KiB).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/x-www-form-urlencoded"] = new() { Schema = schema, Examples = requestExamples },
                ["application/json"] = new() { Schema = schema, Examples = requestExamples },
            },
        };

        operation.Responses ??= [];
        Describe(operation, "200", "The token (RFC 6749 §5.1).", SuccessExamples(), noStore: true);
        Describe(operation, "400", "A request error (RFC 6749 §5.2).", BadRequestExamples(), noStore: true);
        Describe(operation, "401", "Client authentication failed (RFC 6749 §5.2): the key or secret is wrong, "
            + "or the client is deactivated or expired. One answer for all, on purpose.", InvalidClientExamples(),
            noStore: true);
        if (operation.Responses.TryGetValue("401", out var unauthorized) && unauthorized is OpenApiResponse challenge)
        {
            challenge.Headers ??= new Dictionary<string, IOpenApiHeader>();
            challenge.Headers["WWW-Authenticate"] = Responses.Header("Basic realm=\"CleanAuth\", charset=\"UTF-8\"");
        }

        operation.Responses["413"] = new OpenApiResponse
        {
            Description = "The body is larger than 16 KiB (error invalid_request).",
            Content = new Dictionary<string, OpenApiMediaType>
            {
                ["application/json"] = new()
                {
                    Schema = new OpenApiSchemaReference(nameof(TokenErrorResponse), document),
                    Example = Error("invalid_request", "The request could not be read."),
                },
            },
        };

        return Task.CompletedTask;
    }

    private static OpenApiSchema TokenRequestSchema()
    {
        static OpenApiSchema Text(string description) =>
            new() { Type = JsonSchemaType.String, Description = description };

        var grantType = Text("client_credentials, password or refresh_token.");
        grantType.Enum =
        [
            JsonValue.Create("client_credentials"),
            JsonValue.Create("password"),
            JsonValue.Create("refresh_token"),
        ];
        return new OpenApiSchema
        {
            Type = JsonSchemaType.Object,
            Description = "RFC 6749 token request. Send as application/x-www-form-urlencoded or as a JSON "
                + "object whose values are all strings.",
            Required = new HashSet<string> { "grant_type" },
            Properties = new Dictionary<string, IOpenApiSchema>
            {
                ["grant_type"] = grantType,
                ["username"] = Text("Password grant: the user's name (case-insensitive)."),
                ["password"] = Text("Password grant: the user's password."),
                ["refresh_token"] = Text("Refresh-token grant: the refresh token (ca_rt_...) to trade."),
                ["client_id"] = Text("client_secret_post only: the client's public key (ca_ck_...)."),
                ["client_secret"] = Text("client_secret_post only: the client's secret (ca_cs_...)."),
            },
        };
    }

    private static void Describe(
        OpenApiOperation operation,
        string status,
        string description,
        Dictionary<string, IOpenApiExample> examples,
        bool noStore)
    {
        if (!operation.Responses!.TryGetValue(status, out var existing) || existing is not OpenApiResponse response)
        {
            return;
        }

        response.Description = description;
        foreach (var mediaType in response.Content?.Values ?? [])
        {
            mediaType.Examples = examples;
        }

        if (noStore)
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["Cache-Control"] = Responses.Header("no-store (RFC 6749 §5.1).");
        }
    }

    private static Dictionary<string, IOpenApiExample> RequestExamples() => new()
    {
        ["clientCredentials"] = new OpenApiExample
        {
            Summary = "Client token; client authenticated by HTTP Basic",
            Value = new JsonObject { ["grant_type"] = "client_credentials" },
        },
        ["password"] = new OpenApiExample
        {
            Summary = "User token; client authenticated by HTTP Basic",
            Value = new JsonObject
            {
                ["grant_type"] = "password",
                ["username"] = "alice",
                ["password"] = "correct horse battery staple",
            },
        },
        ["refresh"] = new OpenApiExample
        {
            Summary = "Next pair of a user session; client authenticated by HTTP Basic",
            Value = new JsonObject
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = "ca_rt_...",
            },
        },
        ["clientSecretPost"] = new OpenApiExample
        {
            Summary = "Client token; client credentials in the body",
            Value = new JsonObject
            {
                ["grant_type"] = "client_credentials",
                ["client_id"] = "ca_ck_...",
                ["client_secret"] = "ca_cs_...",
            },
        },
    };

    private static Dictionary<string, IOpenApiExample> SuccessExamples() => new()
    {
        ["clientToken"] = new OpenApiExample
        {
            Summary = "Client token (Tokens:ClientTokenLifetime, one hour by default)",
            Value = new JsonObject
            {
                ["access_token"] = "ca_at_...",
                ["token_type"] = "Bearer",
                ["expires_in"] = 3600,
            },
        },
        ["userToken"] = new OpenApiExample
        {
            Summary = "User token (Tokens:AccessTokenLifetime, 15 minutes by default) and its refresh token",
            Value = new JsonObject
            {
                ["access_token"] = "ca_at_...",
                ["token_type"] = "Bearer",
                ["expires_in"] = 900,
                ["refresh_token"] = "ca_rt_...",
            },
        },
    };

    private static Dictionary<string, IOpenApiExample> BadRequestExamples() => new()
    {
        ["invalidRequest"] = ErrorExample("invalid_request", "The parameter 'grant_type' is required."),
        ["invalidGrant"] = ErrorExample("invalid_grant", "The user name or password is incorrect."),
        ["unauthorizedClient"] = ErrorExample(
            "unauthorized_client",
            "This client is not allowed to use this grant type."),
        ["unsupportedGrantType"] = ErrorExample(
            "unsupported_grant_type",
            "Supported grant types: client_credentials, password, refresh_token."),
    };

    private static Dictionary<string, IOpenApiExample> InvalidClientExamples() => new()
    {
        ["invalidClient"] = ErrorExample("invalid_client", "Client authentication failed."),
    };

    private static OpenApiExample ErrorExample(string error, string description) =>
        new() { Summary = error, Value = Error(error, description) };

    private static JsonObject Error(string error, string description) =>
        new() { ["error"] = error, ["error_description"] = description };
}
