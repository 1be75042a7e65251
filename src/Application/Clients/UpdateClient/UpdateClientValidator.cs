using CleanAuth.Application.Clients.RegisterClient;
using FluentValidation;

namespace CleanAuth.Application.Clients.UpdateClient;

public sealed class UpdateClientValidator : AbstractValidator<UpdateClient>
{
    public UpdateClientValidator(TimeProvider timeProvider)
    {
        RuleFor(c => c.ClientKey).NotEmpty();
        RuleFor(c => c.Name).MaximumLength(RegisterClientValidator.MaxNameLength);
        RuleFor(c => c.AllowedGrants)
            .Must(grants => grants is null || RegisterClientValidator.AreKnownGrants(grants.Value))
            .WithMessage("Allow at least one of the grants client_credentials and password.");
        RuleFor(c => c.ExpiresAt)
            .Must(expiresAt => expiresAt is null || expiresAt > timeProvider.GetUtcNow())
            .WithMessage("The expiry must lie in the future.");
        RuleFor(c => c)
            .Must(c => !(c.ClearExpiry && c.ExpiresAt is not null))
            .WithName("ExpiresAt")
            .WithMessage("Set an expiry or clear it, not both.");
    }
}
