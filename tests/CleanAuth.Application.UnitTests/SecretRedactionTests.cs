using CleanAuth.Application.Clients;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Application.Sessions.ChangePassword;
using CleanAuth.Application.Tokens;
using CleanAuth.Application.Tokens.IntrospectToken;
using CleanAuth.Application.Tokens.RefreshAccessToken;
using CleanAuth.Application.Tokens.RevokeToken;
using CleanAuth.Application.Tokens.ValidateToken;
using CleanAuth.Application.Users.RegisterUser;
using CleanAuth.Application.Users.SignInUser;
using CleanAuth.Domain.Clients;

namespace CleanAuth.Application.UnitTests;

/// <summary>
/// Requests and results are records, whose generated ToString prints every member. Any of them
/// may reach a log line or a debugger; those that carry secrets must not print them.
/// </summary>
public sealed class SecretRedactionTests
{
    private const string Secret = "ca_cs_TOP-SECRET";
    private const string Password = "hunter2-TOP-SECRET";
    private const string Token = "ca_at_TOP-SECRET";

    public static TheoryData<object> CarriersOfSecrets() =>
    [
        new ClientCredentials("ca_ck_key", Secret),
        new SignInUser(new ClientCredentials("ca_ck_key", Secret), "alice", Password),
        new RegisterUser("alice", Password),
        new ValidateToken(Token),
        new IssuedTokens(Token, TimeSpan.FromMinutes(15), Guid.NewGuid(), "ca_rt_TOP-SECRET"),
        new RegisteredClient(
            new ClientSummary(
                "ca_ck_key",
                "Web",
                ClientPlatform.Web,
                GrantTypes.Password,
                true,
                null,
                DateTimeOffset.UnixEpoch,
                null,
                null),
            Secret),
        new RefreshAccessToken(new ClientCredentials("ca_ck_key", Secret), "ca_rt_TOP-SECRET"),
        new RevokeToken(new ClientCredentials("ca_ck_key", Secret), "ca_rt_TOP-SECRET", null),
        new IntrospectToken(new ClientCredentials("ca_ck_key", Secret), "ca_at_TOP-SECRET", null),
        new ChangePassword(Guid.NewGuid(), null, Password, Password),
    ];

    [Theory]
    [MemberData(nameof(CarriersOfSecrets))]
    public void Printing_a_request_or_result_never_shows_a_secret(object carrier)
    {
        carrier.ToString().Should().NotContain("TOP-SECRET");
    }
}
