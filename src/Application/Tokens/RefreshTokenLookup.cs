using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using CleanAuth.Domain.Tokens;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Application.Tokens;

/// <summary>A stored refresh token with the session it belongs to.</summary>
public sealed record StoredRefreshToken(RefreshToken Token, RefreshTokenFamily Family);

public static class RefreshTokenLookup
{
    /// <summary>Finds a refresh token by the hash of its text; the family is tracked for changes.</summary>
    public static async Task<StoredRefreshToken?> FindRefreshTokenAsync(
        this IApplicationDbContext db,
        ISecretHasher secretHasher,
        string refreshToken,
        CancellationToken cancellationToken)
    {
        var hash = secretHasher.Hash(refreshToken);
        var stored = await db.RefreshTokens
            .AsNoTracking()
            .Where(t => t.TokenHash == hash)
            .Join(db.RefreshTokenFamilies, t => t.FamilyId, f => f.Id, (token, family) => new { token, family })
            .SingleOrDefaultAsync(cancellationToken);

        return stored is null ? null : new StoredRefreshToken(stored.token, stored.family);
    }
}
