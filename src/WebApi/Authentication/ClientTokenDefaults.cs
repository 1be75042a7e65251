namespace CleanAuth.WebApi.Authentication;

/// <summary>Names shared by the bearer-token scheme, its policies and its claims.</summary>
public static class ClientTokenDefaults
{
    public const string AuthenticationScheme = "CleanAuthBearer";

    /// <summary>Any usable token of an active client.</summary>
    public const string ClientPolicy = "Client";

    /// <summary>A user token whose user and client are both still valid.</summary>
    public const string ClientAndUserPolicy = "ClientAndUser";
}

/// <summary>Claims the handler puts on an authenticated caller.</summary>
public static class CallerClaimTypes
{
    /// <summary>The client's public key, as apps send it in <c>client_id</c>.</summary>
    public const string ClientId = "client_id";

    /// <summary>The signed-in user's id (present on user tokens only).</summary>
    public const string UserId = "sub";

    /// <summary>The session (refresh-token family) a user token belongs to.</summary>
    public const string SessionId = "sid";

    /// <summary>The access token's id.</summary>
    public const string TokenId = "jti";

    /// <summary><c>client</c> or <c>user</c>.</summary>
    public const string TokenKind = "token_kind";
}
