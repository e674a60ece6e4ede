using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Web.People;

/// <summary>A file that may be the same person. <see cref="CanOpen"/> false: the user is told it exists, not what is in it.</summary>
public sealed record DuplicateCandidate(Guid Id, int FileNumber, string DisplayName, DateOnly? BirthDate, bool CanOpen);

public static class PersonDuplicates
{
    /// <summary>
    /// Likely duplicates of a person about to be created (or edited, <paramref name="excluding"/> itself), among every
    /// file of the organisation (not only those the user may open): a surname word (in any name field) equal to one of
    /// the new surname's words or one typo away (4 letters or more), AND the first first name, AND the same birth date
    /// when both are known; plus any file with the same NIR when one is given. Anonymised and merged files are left out.
    /// </summary>
    public static async Task<IReadOnlyList<DuplicateCandidate>> CandidatesAsync(AppDbContext db, Actor actor, string lastName,
        string firstNames, DateOnly? birthDate, Guid? excluding = null, CancellationToken ct = default, string? nir = null)
    {
        var surnames = PersonNames.Words(lastName).Distinct().ToList();
        var first = PersonNames.Words(firstNames).FirstOrDefault();
        var people = db.Set<Person>().AsNoTracking().Where(p => p.Status != PersonStatus.Anonymised && p.MergedIntoId == null);
        if (excluding is { } id) people = people.Where(p => p.Id != id);

        var found = new List<Person>();
        if (surnames.Count > 0 && first is not null)
        {
            var terms = db.Set<PersonSearchTerm>().AsNoTracking();
            // Surname keys: each word exactly, and for words of 4 letters or more the word and its deletions, which
            // meet a name word's deletions when one letter differs.
            var exact = surnames.ToList();
            var typo = surnames.Where(w => w.Length >= SearchQuery.TypoMinLength)
                .SelectMany(w => SearchQuery.Deletions(w).Append(w)).Distinct().ToList();
            var bySurname = terms.Where(t => (t.Kind == SearchTermKind.Word && exact.Contains(t.Term))
                                             || (t.Kind != SearchTermKind.Phone && typo.Contains(t.Term)))
                .Select(t => t.PersonId);
            var byFirst = terms.Where(t => t.Kind == SearchTermKind.Word && t.Term == first).Select(t => t.PersonId);
            var query = people.Where(p => bySurname.Contains(p.Id) && byFirst.Contains(p.Id));
            if (birthDate is { } b) query = query.Where(p => p.BirthDate == null || p.BirthDate == b);
            var candidates = await query.Include(p => p.Teams).OrderBy(p => p.FileNumber).Take(40).ToListAsync(ct);
            // The index lets through words two edits apart in rare cases: check each candidate's surnames precisely.
            found.AddRange(candidates.Where(p =>
            {
                var names = PersonNames.SearchKey(p).Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return surnames.Any(s => names.Any(n => n == s || (s.Length >= SearchQuery.TypoMinLength && n.Length >= SearchQuery.TypoMinLength
                                                                        && SearchQuery.WithinOneEdit(s, n))));
            }));
        }
        if (!string.IsNullOrWhiteSpace(nir))
        {
            var key = Nir.Normalise(nir);
            if (key is not null)
                foreach (var p in await people.Where(p => p.Nir == key).Include(p => p.Teams).OrderBy(p => p.FileNumber).Take(10).ToListAsync(ct))
                    if (found.All(f => f.Id != p.Id)) found.Insert(0, p);
        }
        return found.Take(20).Select(p => new DuplicateCandidate(p.Id, p.FileNumber, p.DisplayName, p.BirthDate,
            AccessRules.CanOpen(actor, AccessRules.ScopeOf(p), FilePart.Identity))).ToList();
    }
}
