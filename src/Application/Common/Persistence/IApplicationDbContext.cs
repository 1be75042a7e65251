using CleanAuth.Domain.Clients;
using CleanAuth.Domain.Notes;
using CleanAuth.Domain.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace CleanAuth.Application.Common.Persistence;

/// <summary>
/// The persistence port: the use cases query and change entities through EF Core's own
/// abstractions (see docs/decisions/0003-dbcontext-as-persistence-port.md).
/// </summary>
public interface IApplicationDbContext
{
    DbSet<ApiClient> ApiClients { get; }

    DbSet<AccessToken> AccessTokens { get; }

    DbSet<RefreshTokenFamily> RefreshTokenFamilies { get; }

    DbSet<RefreshToken> RefreshTokens { get; }

    DbSet<Note> Notes { get; }

    /// <summary>For the few use cases that need an explicit transaction.</summary>
    DatabaseFacade Database { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);
}
