namespace CleanAuth.WebApi.OAuth;

/// <summary>
/// Marks an OAuth endpoint, whose errors must be RFC 6749 §5.2 bodies rather than problem
/// details, wherever they arise (the exception handler reads this marker).
/// </summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = false)]
public sealed class OAuthEndpointAttribute : Attribute
{
    public static bool IsOn(Endpoint? endpoint) => endpoint?.Metadata.GetMetadata<OAuthEndpointAttribute>() is not null;
}
