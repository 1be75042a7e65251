using Microsoft.AspNetCore.Authorization;

namespace CleanAuth.WebApi.Authentication;

/// <summary>
/// The caller must be one of our apps with a signed-in user behind it: a user token whose
/// user and client are both still valid.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false, Inherited = true)]
public sealed class ClientAndUserAuthorizeAttribute : AuthorizeAttribute
{
    public ClientAndUserAuthorizeAttribute()
        : base(ClientTokenDefaults.ClientAndUserPolicy)
    {
    }
}
