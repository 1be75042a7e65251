using CleanAuth.Application.Users;
using FluentValidation;

namespace CleanAuth.Application.Sessions.ChangePassword;

public sealed class ChangePasswordValidator : AbstractValidator<ChangePassword>
{
    public ChangePasswordValidator()
    {
        RuleFor(c => c.CurrentPassword).NotEmpty().MaximumLength(UserRules.MaxPasswordLength);
        RuleFor(c => c.NewPassword)
            .NotEmpty()
            .Length(UserRules.MinPasswordLength, UserRules.MaxPasswordLength);
    }
}
