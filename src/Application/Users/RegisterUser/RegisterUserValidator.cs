using FluentValidation;

namespace CleanAuth.Application.Users.RegisterUser;

public sealed class RegisterUserValidator : AbstractValidator<RegisterUser>
{
    public RegisterUserValidator()
    {
        RuleFor(c => c.Username)
            .NotEmpty()
            .Length(UserRules.MinUserNameLength, UserRules.MaxUserNameLength)
            .Must(UserRules.IsValidUserName)
            .WithMessage("Use letters, digits and - . _ @ + only.");
        RuleFor(c => c.Password)
            .NotEmpty()
            .Length(UserRules.MinPasswordLength, UserRules.MaxPasswordLength);
    }
}
