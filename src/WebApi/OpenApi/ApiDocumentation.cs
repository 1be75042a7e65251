using Scalar.AspNetCore;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// The API description at <c>/openapi/v1.json</c> and the interactive reference at <c>/scalar/v1</c>,
/// set up so that a person can fetch a token and call a protected route from the browser.
/// </summary>
public static class ApiDocumentation
{
    public const string DocumentName = "v1";

    public static IServiceCollection AddApiDocumentation(this IServiceCollection services)
    {
        services.AddOpenApi(DocumentName, options =>
        {
            options.AddDocumentTransformer<CleanAuthDocumentTransformer>();
            options.AddOperationTransformer<SecurityOperationTransformer>();
            options.AddOperationTransformer<TokenEndpointOperationTransformer>();
        });
        return services;
    }

    public static WebApplication MapApiDocumentation(this WebApplication app)
    {
        app.MapOpenApi();
        app.MapScalarApiReference(options => options
            .WithTitle("CleanAuth API")
            // The page calls the token endpoint itself: pick a flow, paste a client_id and
            // client_secret (and a user's name and password for the password flow), and every
            // protected request then carries the token it got. Credentials go by HTTP Basic,
            // the method every OAuth server must support (RFC 6749 §2.3.1).
            .AddPreferredSecuritySchemes(SecuritySchemes.OAuth2)
            .AddClientCredentialsFlow(SecuritySchemes.OAuth2, flow => flow
                .WithTokenUrl(SecuritySchemes.TokenPath)
                .WithCredentialsLocation(CredentialsLocation.Header))
            .AddPasswordFlow(SecuritySchemes.OAuth2, flow => flow
                .WithTokenUrl(SecuritySchemes.TokenPath)
                .WithCredentialsLocation(CredentialsLocation.Header)));

        // Persistent authentication stays off (the default): tokens and secrets typed into the page
        // stay in its memory and never reach the browser's local storage.
        return app;
    }
}
