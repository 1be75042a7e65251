using FluentValidation;

namespace CleanAuth.Application.Common.Validation;

/// <summary>Text that reaches the database must be text PostgreSQL can store.</summary>
public static class TextRules
{
    /// <summary>
    /// PostgreSQL text cannot hold U+0000, and an unpaired surrogate has no UTF-8 form: either
    /// would fail in the database as a server error instead of a validation error here.
    /// </summary>
    public static bool IsStorable(string? text)
    {
        if (text is null)
        {
            return true;
        }

        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (c == '\0')
            {
                return false;
            }

            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return false;
            }
        }

        return true;
    }

    public static IRuleBuilderOptions<T, string> Storable<T>(this IRuleBuilder<T, string> rule) =>
        rule.Must(IsStorable).WithMessage("'{PropertyName}' contains characters that cannot be stored.");
}
