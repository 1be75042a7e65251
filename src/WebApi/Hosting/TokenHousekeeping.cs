using CleanAuth.Application.Tokens.PurgeExpiredTokens;
using Mediator;
using Microsoft.Extensions.Options;

namespace CleanAuth.WebApi.Hosting;

/// <summary>Bound from the <c>Housekeeping</c> configuration section.</summary>
public sealed class HousekeepingOptions
{
    public const string SectionName = "Housekeeping";

    public bool Enabled { get; set; } = true;

    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long expired token records are kept for audits and session lists.</summary>
    public TimeSpan Retention { get; set; } = TimeSpan.FromDays(7);
}

/// <summary>
/// Removes token records long past expiry, on a timer read from <see cref="TimeProvider"/>. Every
/// instance may run it: the deletes are idempotent. A failed round (say, the database is down)
/// is logged and retried at the next tick.
/// </summary>
internal sealed partial class TokenHousekeeping(
    IServiceScopeFactory scopeFactory,
    IOptions<HousekeepingOptions> options,
    TimeProvider timeProvider,
    ILogger<TokenHousekeeping> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.Enabled)
        {
            return;
        }

        using var timer = new PeriodicTimer(options.Value.Interval, timeProvider);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await using var scope = scopeFactory.CreateAsyncScope();
                await scope.ServiceProvider.GetRequiredService<ISender>()
                    .Send(new PurgeExpiredTokens(options.Value.Retention), stoppingToken);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                HousekeepingFailed(logger, exception);
            }
        }
    }

    [LoggerMessage(
        EventId = 1300,
        EventName = "HousekeepingFailed",
        Level = LogLevel.Warning,
        Message = "Removing expired tokens failed; trying again at the next interval")]
    private static partial void HousekeepingFailed(ILogger logger, Exception exception);
}
