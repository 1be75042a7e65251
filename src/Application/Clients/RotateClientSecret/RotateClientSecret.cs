using CleanAuth.Application.Common.Logging;
using CleanAuth.Application.Common.Persistence;
using CleanAuth.Application.Common.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CleanAuth.Application.Clients.RotateClientSecret;

/// <summary>
/// Gives a client a new secret. The previous one keeps working for <paramref name="Grace"/> so
/// shipped builds keep working while the new build rolls out; with no grace it stops at once
/// (the right answer to a leaked secret).
/// </summary>
public sealed record RotateClientSecret(string ClientKey, TimeSpan Grace) : ICommand<RotatedClientSecret?>;

/// <summary>The new secret, shown this once.</summary>
public sealed record RotatedClientSecret(
    ClientSummary Client,
    string ClientSecret,
    DateTimeOffset? PreviousSecretExpiresAt)
{
    public override string ToString() => $"{nameof(RotatedClientSecret)} {{ Client = {Client} }}";
}

public sealed class RotateClientSecretHandler(
    IApplicationDbContext db,
    ICredentialGenerator credentialGenerator,
    ISecretHasher secretHasher,
    TimeProvider timeProvider,
    ILogger<RotateClientSecretHandler> logger) : ICommandHandler<RotateClientSecret, RotatedClientSecret?>
{
    public async ValueTask<RotatedClientSecret?> Handle(RotateClientSecret command, CancellationToken cancellationToken)
    {
        var client = await db.ApiClients.SingleOrDefaultAsync(c => c.ClientKey == command.ClientKey, cancellationToken);
        if (client is null)
        {
            return null;
        }

        var secret = credentialGenerator.NewClientSecret();
        client.RotateSecret(secretHasher.Hash(secret), command.Grace, timeProvider.GetUtcNow());
        await db.SaveChangesAsync(cancellationToken);

        logger.ClientSecretRotated(client.ClientKey, client.PreviousSecretExpiresAt);
        return new RotatedClientSecret(client.ToSummary(), secret, client.PreviousSecretExpiresAt);
    }
}
