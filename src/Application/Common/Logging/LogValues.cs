namespace CleanAuth.Application.Common.Logging;

/// <summary>Shapes values that came from a caller before they go into a log line.</summary>
public static class LogValues
{
    /// <summary>Enough of an unknown key to recognise it; a client key is far longer.</summary>
    private const int PresentedKeyPrefixLength = 12;

    /// <summary>
    /// A client key that matched no client is whatever the caller sent, possibly a secret pasted
    /// into the wrong field: log only its start, which identifies it without disclosing it.
    /// </summary>
    public static string PresentedClientKey(string presented) =>
        presented.Length <= PresentedKeyPrefixLength ? presented : presented[..PresentedKeyPrefixLength] + "…";
}
