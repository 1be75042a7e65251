namespace CleanAuth.Infrastructure.TokenState;

/// <summary>Bound from the <c>TokenState</c> configuration section.</summary>
public sealed class TokenStateOptions
{
    public const string SectionName = "TokenState";

    /// <summary>Validate tokens from in-process state; when false, every validation asks the database.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// How often the listening connection proves it is alive. A dead connection is noticed within
    /// about this long, and the instance then validates against the database until it is back.
    /// </summary>
    public TimeSpan KeepAlive { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a request that revoked something waits to see its own change.</summary>
    public TimeSpan SyncTimeout { get; set; } = TimeSpan.FromSeconds(2);
}
