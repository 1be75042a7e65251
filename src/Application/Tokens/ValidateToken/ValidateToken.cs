using Mediator;

namespace CleanAuth.Application.Tokens.ValidateToken;

/// <summary>Decides whether a presented access token may be used now, and whose it is.</summary>
public sealed record ValidateToken(string Token) : IQuery<TokenValidationResult>
{
    public override string ToString() => nameof(ValidateToken);
}

public sealed class ValidateTokenHandler(AccessTokenValidator validator)
    : IQueryHandler<ValidateToken, TokenValidationResult>
{
    public async ValueTask<TokenValidationResult> Handle(ValidateToken query, CancellationToken cancellationToken) =>
        await validator.ValidateAsync(query.Token, cancellationToken);
}
