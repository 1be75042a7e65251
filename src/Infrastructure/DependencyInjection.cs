using System.Security.Cryptography.X509Certificates;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Users;
using CleanAuth.Infrastructure.Identity;
using CleanAuth.Infrastructure.Persistence;
using CleanAuth.Infrastructure.Security;
using CleanAuth.Infrastructure.TokenState;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption;
using Microsoft.AspNetCore.DataProtection.AuthenticatedEncryption.ConfigurationModel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace CleanAuth.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(this IServiceCollection services, IConfiguration configuration)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddPersistence(configuration);
        services.AddTokenProtection(configuration);
        services.AddTokenState();
        services.AddUserAccounts(configuration);

        services.AddOptions<SecretHashingOptions>().BindConfiguration(SecretHashingOptions.SectionName);
        services.AddSingleton<ISecretHasher, Sha256SecretHasher>();
        services.AddSingleton<ICredentialGenerator, CredentialGenerator>();

        return services;
    }

    private static void AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        // Read lazily, so design-time tools and --help work without a database.
        services.AddDbContext<CleanAuthDbContext>((_, options) =>
        {
            var connectionString = configuration.GetConnectionString(DatabaseSetup.ConnectionStringName);
            if (string.IsNullOrWhiteSpace(connectionString))
            {
                throw new InvalidOperationException(
                    "No database is configured. Set ConnectionStrings__Default to a PostgreSQL connection "
                    + "string, or start the API with scripts/run.sh, which starts a local database for you.");
            }

            var commandTimeout = configuration.GetValue("Database:CommandTimeout", TimeSpan.FromSeconds(15));
            var connectTimeout = configuration.GetValue("Database:ConnectTimeout", TimeSpan.FromSeconds(5));
            DatabaseSetup.Configure(options, connectionString, commandTimeout, connectTimeout);
        });
        services.AddScoped<IApplicationDbContext>(provider => provider.GetRequiredService<CleanAuthDbContext>());
    }

    private static void AddTokenState(this IServiceCollection services)
    {
        services.AddOptions<TokenStateOptions>().BindConfiguration(TokenStateOptions.SectionName);
        services.AddSingleton<TokenStateCache>();
        services.AddSingleton<ITokenStateCache>(provider => provider.GetRequiredService<TokenStateCache>());
        services.AddHostedService<TokenStateListener>();
    }

    private static void AddTokenProtection(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection()
            .SetApplicationName("CleanAuth")
            .PersistKeysToDbContext<CleanAuthDbContext>()
            // GCM instead of the default CBC + HMAC: one authenticated pass, shorter tokens, faster to open.
            .UseCryptographicAlgorithms(new AuthenticatedEncryptorConfiguration
            {
                EncryptionAlgorithm = EncryptionAlgorithm.AES_256_GCM,
                ValidationAlgorithm = ValidationAlgorithm.HMACSHA256,
            });

        var certificatePath = configuration["DataProtection:CertificatePath"];
        if (!string.IsNullOrWhiteSpace(certificatePath))
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(
                certificatePath,
                configuration["DataProtection:CertificatePassword"]);
            dataProtection.ProtectKeysWithCertificate(certificate);
        }

        services.AddSingleton<IAccessTokenProtector, DataProtectionAccessTokenProtector>();
    }

    private static void AddUserAccounts(this IServiceCollection services, IConfiguration configuration)
    {
        var lockout = configuration.GetSection(LockoutSettings.SectionName).Get<LockoutSettings>()
            ?? new LockoutSettings();

        services
            .AddIdentityCore<ApplicationUser>(options =>
            {
                // NIST SP 800-63B: length and a common-password list, no composition rules.
                options.Password.RequiredLength = UserRules.MinPasswordLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;

                options.User.AllowedUserNameCharacters = UserRules.UserNameCharacters;
                options.User.RequireUniqueEmail = false;

                options.Lockout.AllowedForNewUsers = true;
                options.Lockout.MaxFailedAccessAttempts = lockout.MaxFailedAttempts;
                options.Lockout.DefaultLockoutTimeSpan = lockout.Duration;
            })
            .AddEntityFrameworkStores<CleanAuthDbContext>()
            .AddPasswordValidator<CommonPasswordValidator>();

        services.AddScoped<IUserAccounts, IdentityUserAccounts>();
    }
}
