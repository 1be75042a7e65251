using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>
/// Lets <c>dotnet ef migrations add</c> build the model without starting the web host or
/// reaching a database.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<CleanAuthDbContext>
{
    public CleanAuthDbContext CreateDbContext(string[] args)
    {
        var options = new DbContextOptionsBuilder<CleanAuthDbContext>();
        DatabaseSetup.Configure(options, "Host=localhost;Database=cleanauth_design", commandTimeout: null);
        return new CleanAuthDbContext(options.Options);
    }
}
