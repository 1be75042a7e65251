using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Users.GetCurrentUser;
using CleanAuth.Application.Users.RegisterUser;
using CleanAuth.WebApi.Authentication;
using CleanAuth.WebApi.RateLimiting;
using Mediator;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;

namespace CleanAuth.WebApi.Controllers;

public sealed record SignUpRequest(string? Username, string? Password)
{
    public override string ToString() => $"{nameof(SignUpRequest)} {{ Username = {Username} }}";
}

public sealed record UserResponse(Guid Id, string Username, DateTimeOffset CreatedAt)
{
    public static UserResponse From(UserAccount account) => new(account.Id, account.UserName, account.CreatedAt);
}

[ApiController]
[Route("api/v1/users")]
[RequestSizeLimit(MaxBodyBytes)]
public sealed class UsersController(ISender sender) : ControllerBase
{
    /// <summary>A user name and a password, even fully escaped, fit many times over.</summary>
    public const long MaxBodyBytes = 8 * 1024;

    /// <summary>Signs a user up. Any genuine app may do this; no user is signed in yet.</summary>
    [HttpPost]
    [ClientAuthorize]
    [EnableRateLimiting(RateLimitingSetup.SignUpPolicy)]
    [ProducesResponseType<UserResponse>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status409Conflict)]
    public async Task<IActionResult> SignUp(SignUpRequest request, CancellationToken cancellationToken)
    {
        var registration = await sender.Send(
            new RegisterUser(request.Username ?? string.Empty, request.Password ?? string.Empty),
            cancellationToken);

        return registration.Status switch
        {
            UserRegistrationStatus.Created =>
                Created("/api/v1/users/me", UserResponse.From(registration.Account!)),
            UserRegistrationStatus.UserNameTaken =>
                Problem(
                    statusCode: StatusCodes.Status409Conflict,
                    title: "User name taken",
                    detail: "Choose another user name."),
            UserRegistrationStatus.UserNameRejected =>
                FieldProblem("username", registration.Errors),
            _ => FieldProblem("password", registration.Errors),
        };
    }

    /// <summary>The signed-in user.</summary>
    [HttpGet("me")]
    [ClientAndUserAuthorize]
    [ProducesResponseType<UserResponse>(StatusCodes.Status200OK)]
    public async Task<IActionResult> Me(CancellationToken cancellationToken)
    {
        var account = await sender.Send(new GetCurrentUser(User.GetUserId()), cancellationToken);
        return account is null ? NotFound() : Ok(UserResponse.From(account));
    }

    private ActionResult FieldProblem(string field, IReadOnlyList<string> errors)
    {
        ModelState.Clear();
        foreach (var error in errors)
        {
            ModelState.AddModelError(field, error);
        }

        return ValidationProblem(ModelState);
    }
}
