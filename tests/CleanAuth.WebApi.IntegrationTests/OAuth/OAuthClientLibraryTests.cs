using System.Net;
using CleanAuth.WebApi.IntegrationTests.Infrastructure;
using Duende.IdentityModel.Client;

namespace CleanAuth.WebApi.IntegrationTests.OAuth;

/// <summary>A widely used OAuth 2.0 client library, which nobody here wrote, talks to the token endpoint.</summary>
public sealed class OAuthClientLibraryTests(DatabaseFixture database) : IntegrationTest(database)
{
    [Theory]
    [InlineData(ClientCredentialStyle.AuthorizationHeader)]
    [InlineData(ClientCredentialStyle.PostBody)]
    public async Task The_client_credentials_grant_works(ClientCredentialStyle style)
    {
        var client = await CreateClientAsync();

        var response = await Http.RequestClientCredentialsTokenAsync(
            new ClientCredentialsTokenRequest
            {
                Address = "/oauth/token",
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                ClientCredentialStyle = style,
            },
            Cancellation);

        response.IsError.Should().BeFalse(response.Error);
        response.TokenType.Should().Be("Bearer");
        response.ExpiresIn.Should().Be(3600);
        using var announcements = await GetAsync("/api/v1/announcements", response.AccessToken);
        announcements.StatusCode.Should().Be(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_password_grant_works_and_errors_are_understood()
    {
        var (client, _) = await SignedInUserAsync("alice");

        var response = await Http.RequestPasswordTokenAsync(
            new PasswordTokenRequest
            {
                Address = "/oauth/token",
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                UserName = "alice",
                Password = StrongPassword,
            },
            Cancellation);
        var wrong = await Http.RequestPasswordTokenAsync(
            new PasswordTokenRequest
            {
                Address = "/oauth/token",
                ClientId = client.ClientId,
                ClientSecret = client.ClientSecret,
                UserName = "alice",
                Password = "not the password",
            },
            Cancellation);

        response.IsError.Should().BeFalse(response.Error);
        using var me = await GetAsync("/api/v1/users/me", response.AccessToken);
        me.StatusCode.Should().Be(HttpStatusCode.OK);
        wrong.IsError.Should().BeTrue();
        wrong.Error.Should().Be("invalid_grant");
    }
}
