using CleanAuth.Application.Common.Validation;
using CleanAuth.Domain.Notes;
using FluentValidation;

namespace CleanAuth.Application.Notes.CreateNote;

public sealed class CreateNoteValidator : AbstractValidator<CreateNote>
{
    public CreateNoteValidator()
    {
        RuleFor(c => c.Title).NotEmpty().MaximumLength(Note.MaxTitleLength).Storable();
        RuleFor(c => c.Body).NotNull().MaximumLength(Note.MaxBodyLength).Storable();
    }
}
