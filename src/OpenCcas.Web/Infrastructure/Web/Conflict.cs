using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace OpenCcas.Web.Infrastructure.Web;

public sealed record ConflictField(string Label, string? Yours, string? Saved);

/// <summary>
/// What another user changed while this one was editing: compares the user's input with the saved record, field by
/// field, so the page can show both and the user loses nothing.
/// </summary>
public static class Conflict
{
    public static IReadOnlyList<ConflictField> Compare<T>(T yours, T saved) where T : class =>
        typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != "Version" && p.CanRead)
            .Select(p => new ConflictField(p.GetCustomAttribute<DisplayAttribute>()?.Name ?? p.Name, Show(p.GetValue(yours)), Show(p.GetValue(saved))))
            .Where(f => f.Yours != f.Saved)
            .ToList();

    private static string? Show(object? value) => value switch
    {
        null => null,
        bool b => b ? "oui" : "non",
        string s => string.IsNullOrWhiteSpace(s) ? null : s.Trim(),
        System.Collections.IEnumerable e => string.Join(", ", e.Cast<object>()),
        _ => value.ToString(),
    };
}

public static class ConcurrentSave
{
    /// <summary>
    /// Saves; when someone else saved the record in between, reloads it and answers false so that the page can show
    /// the differences (<see cref="Conflict.Compare{T}"/>) with the user's input kept.
    /// </summary>
    public static async Task<bool> TrySaveAsync(Data.AppDbContext db, object entity)
    {
        try
        {
            await db.SaveChangesAsync();
            return true;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            await db.Entry(entity).ReloadAsync();
            return false;
        }
    }
}
