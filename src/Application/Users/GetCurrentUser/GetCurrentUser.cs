using CleanAuth.Application.Common.Users;
using Mediator;

namespace CleanAuth.Application.Users.GetCurrentUser;

/// <summary>The signed-in user's own profile.</summary>
public sealed record GetCurrentUser(Guid UserId) : IQuery<UserAccount?>;

public sealed class GetCurrentUserHandler(IUserAccounts userAccounts) : IQueryHandler<GetCurrentUser, UserAccount?>
{
    public async ValueTask<UserAccount?> Handle(GetCurrentUser query, CancellationToken cancellationToken) =>
        await userAccounts.FindAsync(query.UserId, cancellationToken);
}
