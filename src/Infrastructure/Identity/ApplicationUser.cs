using Microsoft.AspNetCore.Identity;

namespace CleanAuth.Infrastructure.Identity;

/// <summary>An ASP.NET Core Identity user with the few facts CleanAuth adds.</summary>
public sealed class ApplicationUser : IdentityUser<Guid>
{
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>A deactivated user cannot sign in, and tokens already issued stop working.</summary>
    public bool IsActive { get; set; } = true;

    /// <summary>
    /// Tokens issued at or before this moment are dead: set by sign-out everywhere, deactivation
    /// and password resets.
    /// </summary>
    public DateTimeOffset? TokensRevokedAt { get; set; }
}
