using CleanAuth.Application.Common.Validation;
using FluentValidation;

namespace CleanAuth.Application.Clients;

public sealed class ClientCredentialsValidator : AbstractValidator<ClientCredentials>
{
    public ClientCredentialsValidator()
    {
        RuleFor(c => c.ClientKey).NotEmpty().MaximumLength(ClientCredentials.MaxLength).Storable();
        RuleFor(c => c.ClientSecret).NotEmpty().MaximumLength(ClientCredentials.MaxLength);
    }
}
