namespace CleanAuth.Application.Common.Exceptions;

/// <summary>
/// A request failed its validator. Carries the failing fields and their messages, never the
/// values (a value may be a password).
/// </summary>
public sealed class RequestValidationException : Exception
{
    public RequestValidationException()
        : this(new Dictionary<string, string[]>())
    {
    }

    public RequestValidationException(string message)
        : base(message)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public RequestValidationException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = new Dictionary<string, string[]>();
    }

    public RequestValidationException(IReadOnlyDictionary<string, string[]> errors)
        : base("The request has invalid fields: " + string.Join(", ", errors.Keys) + ".")
    {
        Errors = errors;
    }

    /// <summary>Messages per field name, as the request type names the field.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }
}
