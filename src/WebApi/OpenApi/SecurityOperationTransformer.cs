using CleanAuth.WebApi.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace CleanAuth.WebApi.OpenApi;

/// <summary>
/// Gives each operation guarded by <see cref="ClientAuthorizeAttribute"/> or
/// <see cref="ClientAndUserAuthorizeAttribute"/> its security requirement (a bearer token, typed in
/// or fetched by the reference page) and its RFC 6750 401, read from the endpoint's own metadata so
/// that the description cannot drift from the code.
/// </summary>
internal sealed class SecurityOperationTransformer : IOpenApiOperationTransformer
{
    public Task TransformAsync(
        OpenApiOperation operation,
        OpenApiOperationTransformerContext context,
        CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        operation.Responses ??= [];
        operation.Responses.TryAdd("503", Responses.DatabaseUnavailable(context.Document));

        var policies = metadata.OfType<IAuthorizeData>().Select(a => a.Policy).ToHashSet();
        if (metadata.OfType<IAllowAnonymous>().Any() || policies.Count == 0)
        {
            return Task.CompletedTask;
        }

        var needsUser = policies.Contains(ClientTokenDefaults.ClientAndUserPolicy);
        operation.Security =
        [
            SecuritySchemes.Requirement(SecuritySchemes.OAuth2, context.Document),
            SecuritySchemes.Requirement(SecuritySchemes.Bearer, context.Document),
        ];
        operation.Responses["401"] = Responses.BearerChallenge(context.Document, needsUser);

        var who = needsUser
            ? "Needs a user token (password grant) of an active client."
            : "Needs an access token of an active client: a client token or a user token.";
        operation.Description = string.IsNullOrEmpty(operation.Description)
            ? who
            : $"{operation.Description}\n\n{who}";
        return Task.CompletedTask;
    }
}
