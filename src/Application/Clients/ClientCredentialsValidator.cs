using FluentValidation;

namespace CleanAuth.Application.Clients;

public sealed class ClientCredentialsValidator : AbstractValidator<ClientCredentials>
{
    public ClientCredentialsValidator()
    {
        RuleFor(c => c.ClientKey).NotEmpty().MaximumLength(ClientCredentials.MaxLength);
        RuleFor(c => c.ClientSecret).NotEmpty().MaximumLength(ClientCredentials.MaxLength);
    }
}
