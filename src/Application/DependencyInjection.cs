using CleanAuth.Application.Clients;
using CleanAuth.Application.Common.Telemetry;
using CleanAuth.Application.Sessions;
using CleanAuth.Application.Tokens;
using CleanAuth.Application.Tokens.ValidateToken;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace CleanAuth.Application;

public static class DependencyInjection
{
    /// <summary>
    /// Registers the use cases' validators and shared services. The mediator itself is added by
    /// the host, where its source generator runs.
    /// </summary>
    public static IServiceCollection AddApplication(this IServiceCollection services)
    {
        services.AddValidatorsFromAssembly(typeof(DependencyInjection).Assembly, includeInternalTypes: true);
        services.AddScoped<ClientAuthenticator>();
        services.AddScoped<TokenIssuer>();
        services.AddScoped<SessionRevoker>();
        services.AddSingleton<AccessTokenValidator>();
        services.AddScoped<StoredTokenValidator>();
        services.AddSingleton<CleanAuthMetrics>();
        return services;
    }
}
