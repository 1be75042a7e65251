using CleanAuth.WebApi.Authentication;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Mvc.ApplicationParts;
using Microsoft.IdentityModel.Tokens;

namespace CleanAuth.Benchmarks.Host;

/// <summary>
/// What this host adds to the app: the comparison endpoints and two JwtBearer schemes, one per
/// signing algorithm. Nothing the app registered is replaced.
/// </summary>
internal static class ComparisonComposition
{
    public const string JwtRs256Scheme = "ComparisonJwtRs256";
    public const string JwtHs256Scheme = "ComparisonJwtHs256";

    public static void AddTo(HostBuilderContext context, IServiceCollection services)
    {
        services.AddSingleton<ComparisonJwt>();

        services.AddAuthentication()
            .AddJwtBearer(JwtRs256Scheme, _ => { })
            .AddJwtBearer(JwtHs256Scheme, _ => { });
        services.AddOptions<JwtBearerOptions>(JwtRs256Scheme)
            .Configure<ComparisonJwt>((options, jwt) => Configure(options, jwt.Rs256Key, SecurityAlgorithms.RsaSha256));
        services.AddOptions<JwtBearerOptions>(JwtHs256Scheme)
            .Configure<ComparisonJwt>((options, jwt) =>
                Configure(options, jwt.Hs256Key, SecurityAlgorithms.HmacSha256));

        // Note: the app's default scheme authenticates every request before authorization runs. A
        // JwtBearer-only app would not first show its JWTs to CleanAuth's handler, so on the two JWT
        // routes (and only there) the default scheme forwards to the JWT scheme. Every other route pays
        // one path comparison for this, which counts against CleanAuth, not for it.
        services.PostConfigure<AuthenticationSchemeOptions>(
            ClientTokenDefaults.AuthenticationScheme,
            options => options.ForwardDefaultSelector = SelectJwtScheme);

        // The entry assembly's controllers are found by default; this keeps both sets found whichever
        // assembly the host is named after.
        services.AddControllers().ConfigureApplicationPartManager(manager =>
        {
            AddPartOnce(manager, typeof(ComparisonController).Assembly);
            AddPartOnce(manager, typeof(WebApi.DependencyInjection).Assembly);
        });
    }

    private static void Configure(JwtBearerOptions options, SecurityKey key, string algorithm)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = new TokenValidationParameters
        {
            ValidIssuer = ComparisonJwt.Issuer,
            ValidAudience = ComparisonJwt.Audience,
            IssuerSigningKey = key,
            ValidAlgorithms = [algorithm],
            ClockSkew = TimeSpan.Zero,
        };
    }

    private static string? SelectJwtScheme(HttpContext context)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments(ComparisonController.JwtRs256Path))
        {
            return JwtRs256Scheme;
        }

        return path.StartsWithSegments(ComparisonController.JwtHs256Path) ? JwtHs256Scheme : null;
    }

    private static void AddPartOnce(ApplicationPartManager manager, System.Reflection.Assembly assembly)
    {
        if (!manager.ApplicationParts.OfType<AssemblyPart>().Any(part => part.Assembly == assembly))
        {
            manager.ApplicationParts.Add(new AssemblyPart(assembly));
        }
    }
}
