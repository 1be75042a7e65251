using System.Net;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.RateLimiting;

/// <summary>
/// Counts failed client authentications per (client key, client address) in fixed windows. Only
/// failures use permits, so an app that authenticates correctly is never slowed down, and only
/// the address that keeps failing is refused: the key itself is never locked.
/// </summary>
internal sealed class FailedClientSecretThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _failures;

    public FailedClientSecretThrottle(IOptions<RateLimitingOptions> options)
    {
        var limit = options.Value.FailedClientSecrets;
        PermitLimit = limit.PermitLimit;

        // Idle partitions (a full window without failures) are dropped by the limiter itself.
        _failures = PartitionedRateLimiter.Create<string, string>(partition => RateLimitPartition.GetFixedWindowLimiter(
            partition,
            _ => new FixedWindowRateLimiterOptions
            {
                PermitLimit = limit.PermitLimit,
                Window = limit.Window,
                QueueLimit = 0,
                AutoReplenishment = true,
            }));
    }

    public int PermitLimit { get; }

    public static string PartitionKey(string clientKey, IPAddress? address) =>
        ClientAddress.PartitionKey(address) + " " + clientKey;

    /// <summary>False once the partition has used up its failures; then says when to try again.</summary>
    public bool MayAttempt(string partition, out TimeSpan? retryAfter)
    {
        // Zero permits asks whether any are left without using one.
        using var lease = _failures.AttemptAcquire(partition, 0);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : null;
        return lease.IsAcquired;
    }

    /// <summary>Counts a failure; true when it was the last one allowed, so the throttle engages now.</summary>
    public bool RecordFailure(string partition)
    {
        using var lease = _failures.AttemptAcquire(partition, 1);
        return lease.IsAcquired && _failures.GetStatistics(partition)?.CurrentAvailablePermits == 0;
    }

    public void Dispose() => _failures.Dispose();
}
