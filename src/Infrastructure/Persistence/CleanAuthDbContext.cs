using CleanAuth.Application.Common.Persistence;
using CleanAuth.Domain.Clients;
using CleanAuth.Domain.Notes;
using CleanAuth.Domain.Tokens;
using CleanAuth.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// The one database: clients, tokens, users (ASP.NET Core Identity), sample notes and the Data
/// Protection key ring that every instance shares.
/// </summary>
public sealed class CleanAuthDbContext(DbContextOptions<CleanAuthDbContext> options)
    : IdentityDbContext<ApplicationUser, IdentityRole<Guid>, Guid>(options),
      IApplicationDbContext,
      IDataProtectionKeyContext
{
    public DbSet<ApiClient> ApiClients => Set<ApiClient>();

    public DbSet<AccessToken> AccessTokens => Set<AccessToken>();

    public DbSet<RefreshTokenFamily> RefreshTokenFamilies => Set<RefreshTokenFamily>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<Note> Notes => Set<Note>();

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);

        // Shorter names than Identity's AspNet* defaults; snake_case comes from the naming convention.
        builder.Entity<ApplicationUser>().ToTable("users");
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
        builder.Entity<DataProtectionKey>().ToTable("data_protection_keys");

        builder.ApplyConfigurationsFromAssembly(typeof(CleanAuthDbContext).Assembly);
    }
}
