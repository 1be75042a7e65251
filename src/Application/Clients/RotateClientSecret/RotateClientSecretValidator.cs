using FluentValidation;

namespace CleanAuth.Application.Clients.RotateClientSecret;

public sealed class RotateClientSecretValidator : AbstractValidator<RotateClientSecret>
{
    /// <summary>Long enough for an app-store rollout; longer means an old secret lingers.</summary>
    public static readonly TimeSpan MaxGrace = TimeSpan.FromDays(90);

    public RotateClientSecretValidator()
    {
        RuleFor(c => c.ClientKey).NotEmpty();
        RuleFor(c => c.Grace)
            .InclusiveBetween(TimeSpan.Zero, MaxGrace)
            .WithMessage("The grace period must be between 0 and 90 days.");
    }
}
