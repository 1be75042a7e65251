using CleanAuth.Domain.Clients;
using Riok.Mapperly.Abstractions;

namespace CleanAuth.Application.Clients;

[Mapper]
public static partial class ClientMapper
{
    [MapProperty(nameof(ApiClient.ClientKey), nameof(ClientSummary.ClientId))]
    [MapperIgnoreSource(nameof(ApiClient.SecretHash))]
    [MapperIgnoreSource(nameof(ApiClient.PreviousSecretHash))]
    [MapperIgnoreSource(nameof(ApiClient.Id))]
    [MapperIgnoreSource(nameof(ApiClient.TokensRevokedAt))]
    public static partial ClientSummary ToSummary(this ApiClient client);

    public static partial IQueryable<ClientSummary> ProjectToSummary(this IQueryable<ApiClient> clients);
}
