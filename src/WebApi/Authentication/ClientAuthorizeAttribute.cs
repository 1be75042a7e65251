using Microsoft.AspNetCore.Authorization;

namespace CleanAuth.WebApi.Authentication;

/// <summary>
/// The caller must be one of our apps: any usable access token of an active client, with or
/// without a signed-in user.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ClientAuthorizeAttribute : AuthorizeAttribute
{
    public ClientAuthorizeAttribute()
        : base(ClientTokenDefaults.ClientPolicy)
    {
    }
}
