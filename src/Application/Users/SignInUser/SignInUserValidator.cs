using CleanAuth.Application.Clients;
using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Users.SignInUser;

public sealed class SignInUserValidator : AbstractValidator<SignInUser>
{
    public SignInUserValidator()
    {
        RuleFor(c => c.Client).NotNull().SetValidator(new ClientCredentialsValidator());
        RuleFor(c => c.Username).NotEmpty().MaximumLength(UserRules.MaxUserNameLength).Storable();
        RuleFor(c => c.Password).NotEmpty().MaximumLength(UserRules.MaxPasswordLength);
    }
}
