using CleanAuth.Application.Common.Security;
using Mediator;

namespace CleanAuth.Application.Common.Behaviours;

/// <summary>Marks a request that may end tokens (revocations, sign-outs, deactivations).</summary>
public interface IChangesTokenState;

/// <summary>
/// After a request that may have ended tokens, waits until this instance's in-process token
/// state has caught up with it: the caller's next request sees its own revocation, never the
/// token it just revoked.
/// </summary>
public sealed class TokenStateSyncBehaviour<TMessage, TResponse>(ITokenStateCache tokenState)
    : IPipelineBehavior<TMessage, TResponse>
    where TMessage : notnull, IMessage
{
    public async ValueTask<TResponse> Handle(
        TMessage message,
        MessageHandlerDelegate<TMessage, TResponse> next,
        CancellationToken cancellationToken)
    {
        var response = await next(message, cancellationToken);

        if (message is IChangesTokenState)
        {
            await tokenState.SyncAsync(cancellationToken);
        }

        return response;
    }
}
