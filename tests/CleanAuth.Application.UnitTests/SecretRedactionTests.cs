using CleanAuth.Application.Clients;
using CleanAuth.Application.Clients.RegisterClient;
using CleanAuth.Application.Tokens;
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
        new IssuedAccessToken(Token, TimeSpan.FromMinutes(15), Guid.NewGuid()),
        new RegisteredClient(
            new ClientSummary(
                "ca_ck_key",
                "Web",
                ClientPlatform.Web,
                GrantTypes.Password,
                true,
                null,
                DateTimeOffset.UnixEpoch,
                null),
            Secret),
    ];

    [Theory]
    [MemberData(nameof(CarriersOfSecrets))]
    public void Printing_a_request_or_result_never_shows_a_secret(object carrier)
    {
        carrier.ToString().Should().NotContain("TOP-SECRET");
    }
}
