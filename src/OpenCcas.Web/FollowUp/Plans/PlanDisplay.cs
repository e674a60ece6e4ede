using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Web;
using OpenCcas.Web.People;

namespace OpenCcas.Web.FollowUp.Plans;

/// <summary>Small display helpers shared by the plans, collective actions and digital help screens.</summary>
public static class PlanDisplay
{
    public static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    public static DateTimeOffset ToParis(DateTimeOffset at) => TimeZoneInfo.ConvertTime(at, Paris);

    public static DateOnly Today() => DateOnly.FromDateTime(ToParis(DateTimeOffset.UtcNow).DateTime);

    /// <summary>Midnight of a day in Paris, as an instant in UTC (PostgreSQL stores only UTC offsets).</summary>
    public static DateTimeOffset StartOfDay(DateOnly day) => At(day, TimeOnly.MinValue);

    /// <summary>A local date and time in Paris, as an instant in UTC.</summary>
    public static DateTimeOffset At(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time);
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    public static string Name(Person p) => $"{(p.UsageName ?? p.LastName).ToUpperInvariant()} {p.FirstNames}";

    /// <summary>
    /// People the actor may open at <paramref name="part"/> whose names start with the words typed (accents and case
    /// ignored), for the pickers. Another helper builds the full search API; this is the server-side fallback.
    /// </summary>
    public static async Task<List<(Guid Id, string Name, DateOnly? BirthDate, int FileNumber)>> PickAsync(AppDbContext db, Actor actor, string? query,
        FilePart part = FilePart.Identity, int take = 15, CancellationToken ct = default)
    {
        var words = Text.Fold(query ?? "").Split([' ', '-', '\'', '’', '.', ','], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0) return [];
        var people = PersonFiles.Openable(db, actor, part);
        foreach (var w in words.Take(4))
        {
            var pattern = " " + w;
            people = people.Where(p => p.SearchName.Contains(pattern));
        }
        var found = await people.AsNoTracking().OrderBy(p => p.LastName).ThenBy(p => p.FirstNames).Take(take)
            .Select(p => new { p.Id, p.LastName, p.UsageName, p.FirstNames, p.BirthDate, p.FileNumber }).ToListAsync(ct);
        return found.Select(p => (p.Id, $"{(p.UsageName ?? p.LastName).ToUpperInvariant()} {p.FirstNames}", p.BirthDate, p.FileNumber)).ToList();
    }

    /// <summary>Names of people by id (no access check: call it only with ids the actor may see).</summary>
    public static async Task<Dictionary<Guid, string>> NamesAsync(AppDbContext db, IEnumerable<Guid> ids, CancellationToken ct = default)
    {
        var list = ids.Distinct().ToList();
        if (list.Count == 0) return [];
        return (await db.Set<Person>().AsNoTracking().Where(p => list.Contains(p.Id))
                .Select(p => new { p.Id, p.LastName, p.UsageName, p.FirstNames }).ToListAsync(ct))
            .ToDictionary(p => p.Id, p => $"{(p.UsageName ?? p.LastName).ToUpperInvariant()} {p.FirstNames}");
    }

    /// <summary>Every user's name (active or not), for showing who did what.</summary>
    public static async Task<Dictionary<Guid, string>> UserNamesAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.Users.AsNoTracking().Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync(ct))
        .ToDictionary(u => u.Id, u => $"{u.FirstName} {u.LastName}");

    public static async Task<List<(Guid Id, string Name)>> SitesAsync(AppDbContext db, CancellationToken ct = default) =>
        (await db.Sites.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct))
        .Select(s => (s.Id, s.Name)).ToList();
}
