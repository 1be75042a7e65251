namespace CleanAuth.Domain.Clients;

/// <summary>The kind of app build an API client stands for.</summary>
public enum ClientPlatform
{
    Web = 1,
    Android = 2,
    Ios = 3,
    Server = 4,
}
