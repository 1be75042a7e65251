namespace CleanAuth.Application.Common.Security;

/// <summary>What an access token carries inside its encryption.</summary>
public sealed record AccessTokenContent(
    Guid TokenId,
    Guid ClientId,
    Guid? UserId,
    Guid? FamilyId,
    DateTimeOffset IssuedAt,
    DateTimeOffset ExpiresAt);
