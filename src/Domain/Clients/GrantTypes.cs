namespace CleanAuth.Domain.Clients;

/// <summary>The OAuth 2.0 grants a client may use at the token endpoint.</summary>
[Flags]
public enum GrantTypes
{
    None = 0,

    /// <summary>RFC 6749 §4.4: the app proves itself and gets a client token.</summary>
    ClientCredentials = 1,

    /// <summary>RFC 6749 §4.3: the app signs a user in with a user name and password.</summary>
    Password = 2,
}
