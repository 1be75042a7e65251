using System.Data.Common;

namespace CleanAuth.Infrastructure.Persistence;

/// <summary>Tells failures of the database apart from failures of the data or the code.</summary>
public static class DatabaseFaults
{
    /// <summary>Whether a database command or connection failure is anywhere behind this exception.</summary>
    public static bool IsDataAccessFailure(Exception exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is DbException or TimeoutException)
            {
                return true;
            }
        }

        return false;
    }
}
