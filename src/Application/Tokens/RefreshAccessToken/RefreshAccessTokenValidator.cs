using CleanAuth.Application.Clients;
using FluentValidation;

namespace CleanAuth.Application.Tokens.RefreshAccessToken;

public sealed class RefreshAccessTokenValidator : AbstractValidator<RefreshAccessToken>
{
    public RefreshAccessTokenValidator()
    {
        RuleFor(c => c.Client).NotNull().SetValidator(new ClientCredentialsValidator());
        RuleFor(c => c.RefreshToken).NotEmpty().MaximumLength(ClientCredentials.MaxLength);
    }
}
