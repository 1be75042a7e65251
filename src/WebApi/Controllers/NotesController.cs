using CleanAuth.Application.Notes;
using CleanAuth.Application.Notes.CreateNote;
using CleanAuth.Application.Notes.GetNote;
using CleanAuth.Application.Notes.ListNotes;
using CleanAuth.WebApi.Authentication;
using Mediator;
using Microsoft.AspNetCore.Mvc;

namespace CleanAuth.WebApi.Controllers;

public sealed record CreateNoteRequest(string? Title, string? Body);

/// <summary>A sample per-user resource: a user sees only their own notes.</summary>
[ApiController]
[ClientAndUserAuthorize]
[Route("api/v1/notes")]
public sealed class NotesController(ISender sender) : ControllerBase
{
    [HttpPost]
    [ProducesResponseType<NoteDto>(StatusCodes.Status201Created)]
    [ProducesResponseType<ValidationProblemDetails>(StatusCodes.Status400BadRequest)]
    public async Task<IActionResult> Create(CreateNoteRequest request, CancellationToken cancellationToken)
    {
        var note = await sender.Send(
            new CreateNote(User.GetUserId(), request.Title ?? string.Empty, request.Body ?? string.Empty),
            cancellationToken);

        return CreatedAtAction(nameof(Get), new { id = note.Id }, note);
    }

    [HttpGet]
    [ProducesResponseType<IReadOnlyList<NoteDto>>(StatusCodes.Status200OK)]
    public async Task<IReadOnlyList<NoteDto>> List(CancellationToken cancellationToken) =>
        await sender.Send(new ListNotes(User.GetUserId()), cancellationToken);

    /// <summary>Another user's note answers 404, never 403: its existence is not revealed.</summary>
    [HttpGet("{id:guid}")]
    [ProducesResponseType<NoteDto>(StatusCodes.Status200OK)]
    [ProducesResponseType<ProblemDetails>(StatusCodes.Status404NotFound)]
    public async Task<IActionResult> Get(Guid id, CancellationToken cancellationToken)
    {
        var note = await sender.Send(new GetNote(User.GetUserId(), id), cancellationToken);
        return note is null ? NotFound() : Ok(note);
    }
}
