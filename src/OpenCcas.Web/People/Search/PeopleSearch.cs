using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.People.Search;

/// <summary>One person found: what a result list shows (identity part only).</summary>
public sealed record PersonHit(Guid Id, int FileNumber, string DisplayName, DateOnly? BirthDate, string? Phone, string? City, PersonStatus Status);

/// <summary>
/// Search as you type among the files the actor may open. Name words go through the search-term index
/// (<see cref="PersonSearchTerm"/>): exact word, then prefix, then one typo; words are ANDed, in any order. A number
/// is looked up as a file number, a birth date (ddMMyyyy) and a phone number; dates typed dd/MM/yyyy filter the birth
/// date. Anonymised files are never found; files the actor may not open are simply absent.
/// Its statements are prepared on PostgreSQL (<see cref="PreparedStatements"/>), those of a single word or of dates alone
/// with a generic plan: planning them was most of PostgreSQL's work per search.
/// </summary>
public static class PeopleSearch
{
    public const int DefaultLimit = 20;
    public const int MaxLimit = 50;

    // Scores: lower ranks first. Per name word: 0 exact, 1 prefix, 2 one typo; summed over the words.
    private const int Exact = 0, Prefix = 1, Typo = 2;

    /// <summary>A name word as the statements read it (see <see cref="Named"/>).</summary>
    internal sealed class WordValues
    {
        public required string Word { get; init; }
        /// <summary>The end of the word's prefix range; null when none (a word of z's).</summary>
        public string? End { get; init; }
        /// <summary>The word and its deletions, for one typo; empty for short words.</summary>
        public List<string> Variants { get; init; } = [];
        public bool ToleratesTypo => Word.Length >= SearchQuery.TypoMinLength;

        public static WordValues Of(string word) => new()
        {
            Word = word, End = SearchQuery.PrefixEnd(word),
            Variants = word.Length >= SearchQuery.TypoMinLength ? SearchQuery.Deletions(word).Append(word).ToList() : [],
        };
    }

    /// <summary>A birth date as the statements read it.</summary>
    internal sealed class DayValue
    {
        public DateOnly Day { get; init; }
    }

    /// <summary>A person found through the search terms, with their rank (copied into each term: see <see cref="PersonSearchTerm.SearchName"/>).</summary>
    private sealed class Hit
    {
        public Guid PersonId { get; init; }
        public int Score { get; init; }
        public string SearchName { get; init; } = "";
        public int FileNumber { get; init; }
    }

    internal sealed record Row(Guid Id, int FileNumber, string LastName, string? UsageName, string? BirthName, string FirstNames,
        Sex Sex, DateOnly? BirthDate, string? Phone, string? City, PersonStatus Status, string SearchName, int Score);

    public static async Task<IReadOnlyList<PersonHit>> SearchAsync(AppDbContext db, Actor actor, string? text, int limit = DefaultLimit,
        CancellationToken ct = default)
    {
        limit = Math.Clamp(limit, 1, MaxLimit);
        var query = SearchQuery.Parse(text);
        if (query.IsEmpty) return [];
        // A single letter finds too much to be of use: wait for the second one.
        if (query.Digits is null && query.Dates.Count == 0 && query.Words.Sum(w => w.Length) < 2) return [];

        var compiled = CompiledSearches.Serves(actor);
        // EF's ordinary path only (built on demand: building LINQ was a tenth of a search's CPU).
        IQueryable<Person> People() =>
            PersonFiles.Openable(db, actor, FilePart.Identity).AsNoTracking().Where(p => p.Status != PersonStatus.Anonymised);
        List<Row> rows;
        if (query.Digits is { } digits)
        {
            var number = NumberValues.Of(digits, query.Dates);
            if (compiled) rows = await CompiledSearches.RunAsync(db, actor, number, limit, ct);
            else rows = ByNumber(db, People(), number, limit) is { } byNumber ? await byNumber.ToListAsync(ct) : [];
            rows = Merged(rows);
        }
        else
        {
            // Over-fetch a little: the index's one-typo matching can let through a word two edits away, checked below.
            var fetch = Math.Min(limit * 2, 100);
            var words = query.Words.Select(WordValues.Of).ToList();
            var days = query.Dates.Select(d => new DayValue { Day = d }).ToList();
            rows = compiled && CompiledSearches.Fits(words, days)
                ? await CompiledSearches.RunAsync(db, actor, words, days, fetch, ct)
                : await Named(db, People(), words, days, fetch, AccessRules.OpensEveryFile(actor, FilePart.Identity)).ToListAsync(ct);
            rows = rows.Where(r => Matches(r, query.Words)).ToList();
        }
        return rows.Take(limit).Select(ToHit).ToList();
    }

    /// <summary>A file found, its score and its rank (the hit's, or the file's own when found by a key).</summary>
    private sealed class Scored
    {
        public required Person P { get; init; }
        public int Score { get; init; }
        public required string SearchName { get; init; }
        public int FileNumber { get; init; }
    }

    /// <summary>The files of the hits, among <paramref name="people"/>.</summary>
    private static IQueryable<Scored> FilesOf(IQueryable<Hit> hits, IQueryable<Person> people) =>
        from h in hits join p in people on h.PersonId equals p.Id
        select new Scored { P = p, Score = h.Score, SearchName = h.SearchName, FileNumber = h.FileNumber };

    /// <summary>
    /// The files picked by an equality on an indexed column (birth date, file number), ranked by their own names. The
    /// rank is an expression, not the SearchName column: otherwise SQLite, which has no statistics, prefers walking the
    /// (OrganisationId, SearchName) index for the order and scans every file of the organisation.
    /// </summary>
    private static IQueryable<Scored> ByKey(IQueryable<Person> people, int score) =>
        people.Select(p => new Scored { P = p, Score = score, SearchName = p.SearchName + "", FileNumber = p.FileNumber });

    /// <summary>Ordered (score, folded names, file number: deterministic) and projected in SQL.</summary>
    private static IQueryable<Row> Project(IQueryable<Scored> source) => Rows(Ordered(source));

    private static IOrderedQueryable<Scored> Ordered(IQueryable<Scored> source) =>
        source.OrderBy(x => x.Score).ThenBy(x => x.SearchName).ThenBy(x => x.FileNumber);

    /// <summary>The first hits in the order of a result list, before any file is read.</summary>
    private static IQueryable<Hit> Top(IQueryable<Hit> hits, int fetch) =>
        hits.OrderBy(h => h.Score).ThenBy(h => h.SearchName).ThenBy(h => h.FileNumber).Take(fetch);

    private static IQueryable<Row> Rows(IQueryable<Scored> source) =>
        source.Select(x => new Row(x.P.Id, x.P.FileNumber, x.P.LastName, x.P.UsageName, x.P.BirthName, x.P.FirstNames, x.P.Sex,
            x.P.BirthDate, x.P.Phone, x.P.City, x.P.Status, x.P.SearchName, x.Score));

    /// <summary>
    /// The statement of a search by names and birth dates, among <paramref name="people"/>. Built over the fields of
    /// <paramref name="words"/> and <paramref name="days"/> (and their shape: how many, which have a prefix end, which
    /// tolerate a typo), never over their values, so that <see cref="CompiledSearches"/> can compile it once per shape.
    /// </summary>
    /// <remarks>
    /// <paramref name="everyFile"/>: the actor may open every file. With no date to check, the hits alone then decide
    /// the page: every file that may be found has its terms, and only those (anonymised and merged files have none). So
    /// the page is ranked from the index and only its files are read; otherwise each file found is read and checked first
    /// (a short prefix: hundreds of files read for a page of 20, most of such a search's time).
    /// </remarks>
    internal static IQueryable<Row> Named(AppDbContext db, IQueryable<Person> people, IReadOnlyList<WordValues> words,
        IReadOnlyList<DayValue> days, int fetch, bool everyFile)
    {
        var named = people.Where(p => p.MergedIntoId == null);
        foreach (var d in days) named = named.Where(p => p.BirthDate == d.Day);
        var ranked = everyFile && days.Count == 0;
        // Generic plans where they were measured as fast as custom ones on 200,000 people: dates alone, one word, and
        // several words ranked from the index (each word's matches, intersected: no file read but the page's).
        var plan = words.Count <= 1 || ranked ? PreparedStatements.GenericTag : PreparedStatements.Tag;
        if (words.Count == 0) return Project(ByKey(named, Exact)).Take(fetch).TagWith(plan);
        var hits = WordHits(db, words, named, ranked, fetch, countFirst: db.Database.IsNpgsql());
        return Project(FilesOf(ranked ? Top(hits, fetch) : hits, named)).Take(fetch).TagWith(plan);
    }

    /// <summary>Per word, the people having a term matching it with their best score; the words ANDed (joined).</summary>
    /// <remarks>
    /// Several words: their typo matches are looked up only when the words as
    /// typed (exact or prefix) find no file together. A full name typed right is then found without reading the typo
    /// variants of its common words, most of such a search's work (« klein patrick » on 10,000 people: 963 index rows
    /// for « patrick »'s variants against 107 by prefix; 1.4 → 0.6 ms); a name mistyped finds nothing as typed, and
    /// its typo matches come. The test is one uncorrelated subquery, computed once, in the same statement, on both
    /// providers (on SQLite, 200,000 people: full names 40–48 → 20–22 ms at the median; its plan walks the first word's
    /// matches and looks the others up by the person's key, stopping at the first file found).
    /// </remarks>
    private static IQueryable<Hit> WordHits(AppDbContext db, IReadOnlyList<WordValues> words, IQueryable<Person> named, bool ranked, int fetch,
        bool countFirst)
    {
        if (words.Count == 1) return WordHits(db, words[0], countFirst ? named : null, ranked, fetch, asTyped: null);
        IQueryable<Guid>? asTyped = null;
        foreach (var word in words)
        {
            var ids = Starting(db, word).Select(t => t.PersonId);
            asTyped = asTyped is null ? ids : asTyped.Join(ids, a => a, b => b, (a, _) => a);
        }
        // Among the files the actor may open, unless every file that has terms is one (see Named).
        if (!ranked) asTyped = asTyped!.Join(named, id => id, p => p.Id, (id, _) => id);
        IQueryable<Hit>? all = null;
        foreach (var word in words)
        {
            var hits = WordHits(db, word, named: null, ranked, fetch, asTyped);
            all = all is null ? hits
                : all.Join(hits, a => a.PersonId, b => b.PersonId,
                    (a, b) => new Hit { PersonId = a.PersonId, Score = a.Score + b.Score, SearchName = a.SearchName, FileNumber = a.FileNumber });
        }
        return all!;
    }

    /// <summary>The name words starting with the word (the word itself included).</summary>
    private static IQueryable<PersonSearchTerm> Starting(AppDbContext db, WordValues w)
    {
        var terms = db.Set<PersonSearchTerm>().AsNoTracking();
        return w.End is null
            ? terms.Where(t => t.Kind == SearchTermKind.Word && string.Compare(t.Term, w.Word) >= 0)
            : terms.Where(t => t.Kind == SearchTermKind.Word && string.Compare(t.Term, w.Word) >= 0 && string.Compare(t.Term, w.End) < 0);
    }

    /// <remarks>
    /// One word alone (<paramref name="named"/> given): its typo matches rank after every exact or prefix match (2 against 0
    /// or 1), so when the files found by prefix fill the page the typo lookup cannot change it, and is skipped. It is
    /// most of the work of a common name: every person named "bernard" has the 7 deletions "bernard"'s variants look up
    /// (1,035 index rows against 124 by prefix on 10,000 people). The test is an uncorrelated subquery, computed once
    /// before the lookup by PostgreSQL, in the same statement. Not on SQLite (<paramref name="named"/> null): without
    /// statistics it counted the prefix matches by reading every search term and every file of the organisation, and
    /// with them (an analysed 200,000-person database) typo searches went from 9 to 81 ms at the median.
    /// One word of several: its typo matches only when <paramref name="asTyped"/> (the files the words find as typed) is empty.
    /// </remarks>
    private static IQueryable<Hit> WordHits(AppDbContext db, WordValues w, IQueryable<Person>? named, bool ranked, int fetch,
        IQueryable<Guid>? asTyped)
    {
        var prefix = Starting(db, w);
        var matches = prefix.Select(t => new Hit { PersonId = t.PersonId, Score = t.Term == w.Word ? Exact : Prefix, SearchName = t.SearchName, FileNumber = t.FileNumber });
        if (w.ToleratesTypo)
        {
            // One typo: the word or one of its deletions equals a name word or one of its deletions (SymSpell).
            var typos = db.Set<PersonSearchTerm>().AsNoTracking().Where(t => t.Kind != SearchTermKind.Phone && w.Variants.Contains(t.Term));
            if (named is not null)
            {
                // The files (each once: several of a person's names may start with the word) found by prefix, up to a
                // page; counted from the terms alone when they decide the page (see Named).
                var found = prefix.Select(t => t.PersonId).Distinct();
                var byPrefix = (ranked ? found : found.Join(named, id => id, p => p.Id, (id, _) => id)).Take(fetch);
                typos = typos.Where(_ => byPrefix.Count() < fetch);
            }
            if (asTyped is not null) typos = typos.Where(_ => !asTyped.Any());
            matches = matches.Concat(typos.Select(t => new Hit { PersonId = t.PersonId, Score = Typo, SearchName = t.SearchName, FileNumber = t.FileNumber }));
        }
        return matches.GroupBy(h => new { h.PersonId, h.SearchName, h.FileNumber })
            .Select(g => new Hit { PersonId = g.Key.PersonId, Score = g.Min(h => h.Score), SearchName = g.Key.SearchName, FileNumber = g.Key.FileNumber });
    }

    /// <summary>A number as the statements read it: a file number, a birth date (ddMMyyyy), a phone prefix (4 digits or more).</summary>
    internal sealed class NumberValues
    {
        public bool ByFile { get; init; }
        public int File { get; init; }
        public bool ByBirth { get; init; }
        public DateOnly Birth { get; init; }
        public bool ByPhone { get; init; }
        public string Phone { get; init; } = "";
        /// <summary>The end of the phone prefix's range; null when none (a number of nines).</summary>
        public string? PhoneEnd { get; init; }

        public static NumberValues Of(string digits, IReadOnlyList<DateOnly> dates)
        {
            var byFile = digits.Length <= 9 && int.TryParse(digits, out var file);
            return new()
            {
                ByFile = byFile, File = byFile ? int.Parse(digits) : 0,
                ByBirth = dates.Count > 0, Birth = dates.Count > 0 ? dates[0] : default,
                ByPhone = digits.Length >= 4, Phone = digits, PhoneEnd = digits.Length >= 4 ? SearchQuery.PrefixEnd(digits) : null,
            };
        }
    }

    /// <summary>The file with that number, people born that day (ddMMyyyy), phone numbers starting with it.</summary>
    /// <remarks>
    /// The lookups are separate selects joined by UNION ALL in one round trip: each is an equality or a range on its
    /// own index, where one OR would make SQLite scan. Built over the fields of <paramref name="n"/> and their shape
    /// (which lookups, a phone prefix end or not), like <see cref="Named"/>. Null when there is nothing to look up.
    /// </remarks>
    internal static IQueryable<Row>? ByNumber(AppDbContext db, IQueryable<Person> people, NumberValues n, int limit)
    {
        IQueryable<Scored>? lookups = null;
        void Add(IQueryable<Scored> rows) => lookups = lookups is null ? rows : lookups.Concat(rows);
        if (n.ByFile)
            Add(Ordered(ByKey(people.Where(p => p.FileNumber == n.File), Exact)).Take(1));
        if (n.ByBirth)
            Add(Ordered(ByKey(people.Where(p => p.MergedIntoId == null && p.BirthDate == n.Birth), Prefix)).Take(limit));
        if (n.ByPhone)
        {
            var terms = db.Set<PersonSearchTerm>().AsNoTracking().Where(t => t.Kind == SearchTermKind.Phone && string.Compare(t.Term, n.Phone) >= 0);
            if (n.PhoneEnd is not null) terms = terms.Where(t => string.Compare(t.Term, n.PhoneEnd) < 0);
            var phones = terms.Select(t => new Hit { PersonId = t.PersonId, Score = t.Term == n.Phone ? Prefix : Typo, SearchName = t.SearchName, FileNumber = t.FileNumber });
            Add(Ordered(FilesOf(phones, people.Where(p => p.MergedIntoId == null))).Take(limit));
        }
        return lookups is null ? null : Rows(lookups).TagWith(PreparedStatements.Tag);
    }

    /// <summary>A file found by several lookups is listed once, with its best score.</summary>
    private static List<Row> Merged(List<Row> rows) =>
        rows.GroupBy(r => r.Id).Select(g => g.MinBy(r => r.Score)!)
            .OrderBy(r => r.Score).ThenBy(r => r.SearchName, StringComparer.Ordinal).ThenBy(r => r.FileNumber).ToList();

    /// <summary>Checks each word against the person's names: exact, prefix or within one edit (4 letters or more).</summary>
    /// <remarks>
    /// Against the saved <c>SearchName</c> first (folding the names again costs more than the rest of the check); a save
    /// that renamed the person without setting it leaves it stale, so a row it rejects is checked against the names.
    /// </remarks>
    private static bool Matches(Row r, IReadOnlyList<string> words) =>
        words.Count == 0 || Matches(r.SearchName, words) || Matches(PersonNames.SearchKey(Person(r)), words);

    private static bool Matches(string searchKey, IReadOnlyList<string> words)
    {
        var names = searchKey.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return words.All(w => names.Any(n => n.StartsWith(w, StringComparison.Ordinal)
            || (w.Length >= SearchQuery.TypoMinLength && n.Length >= SearchQuery.TypoMinLength && SearchQuery.WithinOneEdit(w, n))));
    }

    private static Person Person(Row r) => new()
    {
        Id = r.Id, FileNumber = r.FileNumber, LastName = r.LastName, UsageName = r.UsageName, BirthName = r.BirthName,
        FirstNames = r.FirstNames, Sex = r.Sex,
    };

    private static PersonHit ToHit(Row r) => new(r.Id, r.FileNumber, Person(r).DisplayName, r.BirthDate, r.Phone, r.City, r.Status);
}
