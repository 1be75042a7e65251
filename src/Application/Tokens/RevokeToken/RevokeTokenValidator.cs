using CleanAuth.Application.Clients;
using FluentValidation;

namespace CleanAuth.Application.Tokens.RevokeToken;

public sealed class RevokeTokenValidator : AbstractValidator<RevokeToken>
{
    public RevokeTokenValidator()
    {
        RuleFor(c => c.Client).NotNull().SetValidator(new ClientCredentialsValidator());
        RuleFor(c => c.Token).NotEmpty().MaximumLength(1024);
    }
}
