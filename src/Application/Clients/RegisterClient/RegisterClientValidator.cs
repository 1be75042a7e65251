using CleanAuth.Domain.Clients;
using FluentValidation;

namespace CleanAuth.Application.Clients.RegisterClient;

public sealed class RegisterClientValidator : AbstractValidator<RegisterClient>
{
    public const int MaxNameLength = 100;

    public RegisterClientValidator(TimeProvider timeProvider)
    {
        RuleFor(c => c.Name).NotEmpty().MaximumLength(MaxNameLength);
        RuleFor(c => c.Platform).IsInEnum();
        RuleFor(c => c.AllowedGrants)
            .Must(AreKnownGrants)
            .WithMessage("Allow at least one of the grants client_credentials and password.");
        RuleFor(c => c.ExpiresAt)
            .Must(expiresAt => expiresAt is null || expiresAt > timeProvider.GetUtcNow())
            .WithMessage("The expiry must lie in the future.");
    }

    public static bool AreKnownGrants(GrantTypes grants) =>
        grants != GrantTypes.None && (grants & ~(GrantTypes.ClientCredentials | GrantTypes.Password)) == 0;
}
