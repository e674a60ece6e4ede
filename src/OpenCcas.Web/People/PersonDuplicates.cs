using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.People;

/// <summary>A file that may be the same person. <see cref="CanOpen"/> false: the user is told it exists, not what is in it.</summary>
public sealed record DuplicateCandidate(Guid Id, int FileNumber, string DisplayName, DateOnly? BirthDate, bool CanOpen);

public static class PersonDuplicates
{
    /// <summary>
    /// Likely duplicates of a person about to be created (or edited, <paramref name="excluding"/> itself): same folded
    /// surname (any of surname, usage or birth name) and first name, and the same birth date when both are known.
    /// </summary>
    public static async Task<IReadOnlyList<DuplicateCandidate>> CandidatesAsync(AppDbContext db, Actor actor, string lastName,
        string firstNames, DateOnly? birthDate, Guid? excluding = null, CancellationToken ct = default)
    {
        var probe = new Person { LastName = lastName, FirstNames = firstNames };
        var words = PersonNames.SearchKey(probe).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2) return [];
        var last = " " + words[0] + " ";
        var first = " " + words[^1] + " ";
        var query = db.Set<Person>().AsNoTracking()
            .Where(p => p.Status != PersonStatus.Anonymised && p.SearchName.Contains(last) && p.SearchName.Contains(first));
        if (excluding is { } id) query = query.Where(p => p.Id != id);
        if (birthDate is { } b) query = query.Where(p => p.BirthDate == null || p.BirthDate == b);
        var found = await query.Include(p => p.Teams).Take(20).ToListAsync(ct);
        return found.Select(p => new DuplicateCandidate(p.Id, p.FileNumber, p.DisplayName, p.BirthDate,
            AccessRules.CanOpen(actor, AccessRules.ScopeOf(p), FilePart.Identity))).ToList();
    }
}
