using CleanAuth.Domain.Clients;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace CleanAuth.Infrastructure.Persistence.Configurations;

internal sealed class ApiClientConfiguration : IEntityTypeConfiguration<ApiClient>
{
    public void Configure(EntityTypeBuilder<ApiClient> builder)
    {
        builder.ToTable("api_clients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).ValueGeneratedNever();
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.Platform).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.ClientKey).HasMaxLength(64);
        builder.HasIndex(c => c.ClientKey).IsUnique();
        builder.Property(c => c.SecretHash).HasMaxLength(32);
        builder.Property(c => c.PreviousSecretHash).HasMaxLength(32);
        builder.Property(c => c.AllowedGrants).HasConversion<int>();
    }
}
