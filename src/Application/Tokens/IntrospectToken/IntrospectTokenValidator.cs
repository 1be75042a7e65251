using CleanAuth.Application.Clients;
using FluentValidation;

namespace CleanAuth.Application.Tokens.IntrospectToken;

public sealed class IntrospectTokenValidator : AbstractValidator<IntrospectToken>
{
    public IntrospectTokenValidator()
    {
        RuleFor(c => c.Client).NotNull().SetValidator(new ClientCredentialsValidator());
        RuleFor(c => c.Token).NotEmpty().MaximumLength(1024);
    }
}
