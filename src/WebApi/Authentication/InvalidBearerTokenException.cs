namespace CleanAuth.WebApi.Authentication;

/// <summary>
/// The failure an authentication result carries when a bearer token was sent but cannot be
/// used. Its message is safe to send to the caller as <c>error_description</c>.
/// </summary>
public sealed class InvalidBearerTokenException : Exception
{
    public InvalidBearerTokenException()
    {
    }

    public InvalidBearerTokenException(string message)
        : base(message)
    {
    }

    public InvalidBearerTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>
    /// The token was genuine but has expired: the app should refresh it (or fetch a new client
    /// token) rather than sign the user in again.
    /// </summary>
    public bool IsExpired { get; init; }
}
