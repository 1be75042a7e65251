using CleanAuth.Application.Common.Users;
using CleanAuth.Application.Sessions.ChangePassword;
using CleanAuth.Application.Sessions.SignOutCurrentSession;
using CleanAuth.Application.Sessions.SignOutEverywhere;
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

public sealed record ChangePasswordRequest(string? CurrentPassword, string? NewPassword)
{
    public override string ToString() => nameof(ChangePasswordRequest);
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

    /// <summary>
    /// Changes the signed-in user's password. Every other session of the user ends; this one
    /// goes on.
    /// </summary>
    [HttpPost("me/password")]
    [ClientAndUserAuthorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> ChangePassword(ChangePasswordRequest request, CancellationToken cancellationToken)
    {
        var change = await sender.Send(
            new ChangePassword(
                User.GetUserId(),
                User.GetSessionId(),
                request.CurrentPassword ?? string.Empty,
                request.NewPassword ?? string.Empty),
            cancellationToken);

        return change.Status switch
        {
            PasswordChangeStatus.Changed => NoContent(),
            PasswordChangeStatus.WrongCurrentPassword => FieldProblem("currentPassword", change.Errors),
            PasswordChangeStatus.NewPasswordRejected => FieldProblem("newPassword", change.Errors),
            _ => NotFound(),
        };
    }

    /// <summary>Signs the user out everywhere: every session and token ends, this one included.</summary>
    [HttpDelete("me/sessions")]
    [ClientAndUserAuthorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> SignOutEverywhere(CancellationToken cancellationToken)
    {
        await sender.Send(new SignOutEverywhere(User.GetUserId()), cancellationToken);
        return NoContent();
    }

    /// <summary>Signs the user out of this session only: its access and refresh tokens end.</summary>
    [HttpDelete("me/sessions/current")]
    [ClientAndUserAuthorize]
    [ProducesResponseType(StatusCodes.Status204NoContent)]
    public async Task<IActionResult> SignOutHere(CancellationToken cancellationToken)
    {
        if (User.GetSessionId() is { } sessionId)
        {
            await sender.Send(new SignOutCurrentSession(User.GetUserId(), sessionId), cancellationToken);
        }

        return NoContent();
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
