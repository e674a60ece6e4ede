using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using OpenCcas.Domain.Common;
using OpenCcas.Domain.People;

namespace OpenCcas.Web.People.Search;

public enum SearchTermKind : byte
{
    /// <summary>A folded name word ("dupont").</summary>
    Word = 0,
    /// <summary>A name word of 4 letters or more with one letter removed ("upont", "dpont"...): one-typo matching.</summary>
    Deletion = 1,
    /// <summary>The digits of the phone number, national form ("0612345678").</summary>
    Phone = 2,
}

/// <summary>
/// One search key of a person: what the search service looks up through the index (OrganisationId, Term), instead of
/// scanning the people. Derived data, kept by <see cref="PersonSearchIndex"/> on every save of a person; not audited
/// (the person's own change is).
/// </summary>
public sealed class PersonSearchTerm : ITenantOwned
{
    public Guid OrganisationId { get; set; }
    public Guid PersonId { get; set; }
    public SearchTermKind Kind { get; set; }
    public required string Term { get; set; }

    /// <summary>
    /// The person's place in a result list (folded names, then file number), copied here so that the hits of a search
    /// are ranked from the index alone: only the page's files are then read, not every file a short prefix matches.
    /// </summary>
    public string SearchName { get; set; } = "";
    public int FileNumber { get; set; }
}

internal sealed class PersonSearchTermConfiguration : IEntityTypeConfiguration<PersonSearchTerm>
{
    public void Configure(EntityTypeBuilder<PersonSearchTerm> b)
    {
        b.ToTable("PersonSearchTerms");
        b.HasKey(x => new { x.OrganisationId, x.PersonId, x.Kind, x.Term });
        // The lookup: equality and prefix ranges on Term, covering (the person, the kind and the rank are in the index).
        b.HasIndex(x => new { x.OrganisationId, x.Term, x.Kind, x.PersonId, x.SearchName, x.FileNumber }).HasDatabaseName("IX_PersonSearchTerms_Lookup");
        b.Property(x => x.Term).HasMaxLength(100);
        b.Property(x => x.SearchName).HasMaxLength(500);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Keeps <see cref="PersonSearchTerm"/> in step with the people: a save-changes interceptor (registered by the People
/// module) that, in the same save and transaction, rewrites the terms of every person added, renamed, whose phone
/// changed, anonymised or merged. Anonymised and merged files have no terms: search never finds them by name.
/// </summary>
public sealed class PersonSearchIndex : SaveChangesInterceptor
{
    private static readonly string[] IndexedProperties =
    [
        nameof(Person.LastName), nameof(Person.UsageName), nameof(Person.BirthName), nameof(Person.FirstNames),
        nameof(Person.Phone), nameof(Person.Status), nameof(Person.MergedIntoId),
    ];

    /// <summary>People whose terms must be rebuilt at the next save of this context (see <see cref="RebuildAsync"/>).</summary>
    private static readonly ConditionalWeakTable<DbContext, HashSet<Guid>> Requested = new();

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is { } db) await UpdateAsync(db, cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is { } db) UpdateAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    /// <summary>The search keys of a person: none for an anonymised or merged file.</summary>
    private static IEnumerable<(SearchTermKind Kind, string Term)> TermsOf(Person p)
    {
        if (p.Status == PersonStatus.Anonymised || p.MergedIntoId is not null) return [];
        var terms = new HashSet<(SearchTermKind, string)>();
        foreach (var word in PersonNames.SearchKey(p).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var w = Clip(word);
            terms.Add((SearchTermKind.Word, w));
            if (w.Length >= SearchQuery.TypoMinLength)
                foreach (var d in SearchQuery.Deletions(w)) terms.Add((SearchTermKind.Deletion, d));
        }
        if (SearchQuery.PhoneDigits(p.Phone) is { Length: >= 4 } phone) terms.Add((SearchTermKind.Phone, Clip(phone)));
        return terms;
    }

    /// <summary>The person's rows of the index, ranked (what a save writes).</summary>
    public static IEnumerable<PersonSearchTerm> RowsOf(Person p)
    {
        var rank = RankOf(p);
        return TermsOf(p).Select(t => new PersonSearchTerm
        {
            OrganisationId = p.OrganisationId, PersonId = p.Id, Kind = t.Kind, Term = t.Term, SearchName = rank, FileNumber = p.FileNumber,
        });
    }

    private static string RankOf(Person p) => Clip(PersonNames.SearchKey(p), 500);

    private static string Clip(string term, int max = 100) => term.Length <= max ? term : term[..max];

    private static async Task UpdateAsync(DbContext db, CancellationToken ct)
    {
        var changed = new Dictionary<Guid, Person?>();
        foreach (var e in db.ChangeTracker.Entries<Person>())
        {
            switch (e.State)
            {
                case EntityState.Added:
                case EntityState.Modified when IndexedProperties.Any(n => e.Property(n).IsModified && !Equals(e.Property(n).OriginalValue, e.Property(n).CurrentValue)):
                    changed[e.Entity.Id] = e.Entity;
                    break;
            }
        }
        if (Requested.TryGetValue(db, out var requested))
        {
            Requested.Remove(db);
            var missing = requested.Where(id => !changed.ContainsKey(id)).ToList();
            foreach (var chunk in missing.Chunk(500))
            {
                var ids = chunk.ToList();
                foreach (var p in await db.Set<Person>().AsNoTracking().Where(p => ids.Contains(p.Id)).ToListAsync(ct))
                    changed[p.Id] = p;
            }
        }
        if (changed.Count == 0) return;

        // Existing terms of people already saved (none for the people being added).
        var existing = new Dictionary<Guid, List<PersonSearchTerm>>();
        var stored = changed.Where(c => db.Entry(c.Value!).State != EntityState.Added).Select(c => c.Key).ToList();
        foreach (var chunk in stored.Chunk(500))
        {
            var ids = chunk.ToList();
            var terms = await db.Set<PersonSearchTerm>().Where(t => ids.Contains(t.PersonId)).ToListAsync(ct);
            foreach (var t in terms)
            {
                if (!existing.TryGetValue(t.PersonId, out var list)) existing[t.PersonId] = list = [];
                list.Add(t);
            }
        }

        foreach (var (id, person) in changed)
        {
            var wanted = RowsOf(person!).ToDictionary(t => (t.Kind, t.Term));
            foreach (var t in existing.GetValueOrDefault(id) ?? [])
            {
                if (!wanted.Remove((t.Kind, t.Term), out var row)) { db.Remove(t); continue; }
                // A kept word still moves with the person's rank (another of their names changed). Through the entry:
                // the save has already detected its changes.
                var entry = db.Entry(t);
                if (t.SearchName != row.SearchName) entry.Property(x => x.SearchName).CurrentValue = row.SearchName;
                if (t.FileNumber != row.FileNumber) entry.Property(x => x.FileNumber).CurrentValue = row.FileNumber;
            }
            foreach (var row in wanted.Values) db.Add(row);
        }
    }

    /// <summary>
    /// Rebuilds the search terms of the given people, or of every person of the current organisation — after a bulk
    /// import that bypassed the change tracker (a generator writing SQL directly). Not audited: derived data only.
    /// </summary>
    public static async Task RebuildAsync(DbContext db, IReadOnlyCollection<Guid>? personIds = null, CancellationToken ct = default)
    {
        var ids = personIds ?? await db.Set<Person>().AsNoTracking().Select(p => p.Id).ToListAsync(ct);
        foreach (var chunk in ids.Chunk(2000))
        {
            Requested.AddOrUpdate(db, chunk.ToHashSet());
            try
            {
                await db.SaveChangesAsync(ct);
            }
            finally
            {
                // A pooled context outlives the request: a save that failed before reaching us must not leave its request.
                Requested.Remove(db);
            }
            db.ChangeTracker.Clear();
        }
    }
}
