using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;

namespace CleanAuth.WebApi.Authentication;

public static class AuthenticationExtensions
{
    /// <summary>Adds the bearer-token scheme and the two policies the attributes name.</summary>
    public static IServiceCollection AddClientTokenAuthentication(this IServiceCollection services)
    {
        services
            .AddAuthentication(ClientTokenDefaults.AuthenticationScheme)
            .AddScheme<AuthenticationSchemeOptions, ClientTokenAuthenticationHandler>(
                ClientTokenDefaults.AuthenticationScheme,
                configureOptions: null);

        services.AddAuthorizationBuilder()
            .AddPolicy(ClientTokenDefaults.ClientPolicy, policy => policy
                .AddAuthenticationSchemes(ClientTokenDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser())
            .AddPolicy(ClientTokenDefaults.ClientAndUserPolicy, policy => policy
                .AddAuthenticationSchemes(ClientTokenDefaults.AuthenticationScheme)
                .RequireAuthenticatedUser()
                .RequireClaim(CallerClaimTypes.UserId));

        return services;
    }

    /// <summary>The session the caller's user token belongs to, if any.</summary>
    public static Guid? GetSessionId(this ClaimsPrincipal principal) =>
        Guid.TryParse(principal.FindFirstValue(CallerClaimTypes.SessionId), out var sessionId) ? sessionId : null;

    /// <summary>The signed-in user's id; only call it behind <see cref="ClientAndUserAuthorizeAttribute"/>.</summary>
    public static Guid GetUserId(this ClaimsPrincipal principal) =>
        Guid.Parse(principal.FindFirstValue(CallerClaimTypes.UserId)
            ?? throw new InvalidOperationException(
                "The caller has no user. Guard this action with [ClientAndUserAuthorize]."));
}
