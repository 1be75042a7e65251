namespace CleanAuth.Infrastructure.Identity;

/// <summary>Per-user lockout after wrong passwords, bound from the <c>Lockout</c> configuration section.</summary>
public sealed class LockoutSettings
{
    public const string SectionName = "Lockout";

    public int MaxFailedAttempts { get; set; } = 5;

    public TimeSpan Duration { get; set; } = TimeSpan.FromMinutes(15);
}
