namespace CleanAuth.Application.Common.Users;

/// <summary>A user as the use cases see one: identifiers and state, never a password hash.</summary>
public sealed record UserAccount(Guid Id, string UserName, DateTimeOffset CreatedAt, bool IsActive);
