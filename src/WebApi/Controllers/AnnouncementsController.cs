using CleanAuth.Application.Announcements.ListAnnouncements;
using CleanAuth.WebApi.Authentication;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

/// <summary>A sample client-only resource: any genuine app may read it, signed in or not.</summary>
[ApiController]
[ClientAuthorize]
[Route("api/v1/announcements")]
public sealed class AnnouncementsController(ISender sender) : ControllerBase
{
    [HttpGet]
    [ProducesResponseType<IReadOnlyList<AnnouncementDto>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<AnnouncementDto>> List(CancellationToken cancellationToken) =>
        await sender.Send(new ListAnnouncements(), cancellationToken);
}
