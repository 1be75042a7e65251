using CleanAuth.Application.Clients;
using FluentValidation;

namespace CleanAuth.Application.Tokens.IssueClientToken;

public sealed class IssueClientTokenValidator : AbstractValidator<IssueClientToken>
{
    public IssueClientTokenValidator()
    {
        RuleFor(c => c.Client).NotNull().SetValidator(new ClientCredentialsValidator());
    }
}
