using CleanAuth.Application.Common.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CleanAuth.Application.Sessions;

/// <summary>
/// Ends sessions (refresh-token families) together with every access token issued in them, in
/// one transaction, so that no half-ended session is left behind.
/// </summary>
public sealed class SessionRevoker(IApplicationDbContext db, TimeProvider timeProvider)
{
    /// <summary>Ends one session: sign-out here, a revoked refresh token, or a detected reuse.</summary>
    public Task RevokeSessionAsync(Guid familyId, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async now =>
            {
                await db.RefreshTokenFamilies
                    .Where(f => f.Id == familyId && f.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(f => f.RevokedAt, now), cancellationToken);
                await db.AccessTokens
                    .Where(t => t.FamilyId == familyId && t.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
            },
            cancellationToken);

    /// <summary>
    /// Ends every session of a user but <paramref name="keepFamilyId"/> (the one that changed the
    /// password), or all of them when it is <c>null</c>.
    /// </summary>
    public Task RevokeUserSessionsAsync(Guid userId, Guid? keepFamilyId, CancellationToken cancellationToken) =>
        InTransactionAsync(
            async now =>
            {
                await db.RefreshTokenFamilies
                    .Where(f => f.UserId == userId && f.Id != keepFamilyId && f.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(f => f.RevokedAt, now), cancellationToken);
                await db.AccessTokens
                    .Where(t => t.UserId == userId && t.FamilyId != keepFamilyId && t.RevokedAt == null)
                    .ExecuteUpdateAsync(set => set.SetProperty(t => t.RevokedAt, now), cancellationToken);
            },
            cancellationToken);

    private async Task InTransactionAsync(Func<DateTimeOffset?, Task> revoke, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow();
        if (db.Database.CurrentTransaction is not null)
        {
            await revoke(now);
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await revoke(now);
        await transaction.CommitAsync(cancellationToken);
    }
}
