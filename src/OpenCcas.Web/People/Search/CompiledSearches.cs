using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using static OpenCcas.Web.People.Search.PeopleSearch;

namespace OpenCcas.Web.People.Search;

/// <summary>
/// The search's statements (<see cref="PeopleSearch.Named"/>, <see cref="PeopleSearch.ByNumber"/>) compiled once per
/// shape and kind of reach: the search's values, the actor's id and teams are the compiled query's parameters; the
/// organisation comes from the context's query filter as in every query.
/// </summary>
/// <remarks>
/// Under load, EF Core spent a quarter of a search's CPU before the SQL: walking the expression tree to extract its
/// parameters, then comparing it with the cached ones, plus a tenth building the LINQ. A compiled query skips all
/// three. Served: actors who may open every file (managers, reception), and actors whose access rule reads nothing
/// but their id and teams (social workers: their files as referent or through their teams). A grant limited to a site
/// or a team puts that site's or team's id in the rule: those actors keep EF's ordinary path, or every such id would
/// be compiled into a statement of its own.
/// </remarks>
internal static class CompiledSearches
{
    private const int MaxWords = 3, MaxDays = 2;

    private delegate IAsyncEnumerable<Row> Search(AppDbContext db, Guid me, IReadOnlyList<Guid> teams,
        string w0, string? e0, List<string> v0, string w1, string? e1, List<string> v1, string w2, string? e2, List<string> v2,
        DateOnly d0, DateOnly d1);

    // Per model (a compiled query serves one model: the application has one per provider, tests build others), per
    // reach and shape: the fetch size, the days' count, and per word a prefix end or not, a typo tolerated or not. A few
    // dozen in practice (three words at most here).
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, Search>> Compiled = new();

    /// <summary>Whether the actor's searches run compiled (see the remarks).</summary>
    public static bool Serves(Actor actor) =>
        AccessRules.OpensEveryFile(actor, FilePart.Identity) || actor.Grants.All(g => g.SiteId is null && g.TeamId is null);

    public static bool Fits(IReadOnlyList<WordValues> words, IReadOnlyList<DayValue> days) => words.Count <= MaxWords && days.Count <= MaxDays;

    public static async Task<List<Row>> RunAsync(AppDbContext db, Actor actor, IReadOnlyList<WordValues> words, IReadOnlyList<DayValue> days,
        int fetch, CancellationToken ct)
    {
        var key = $"{Reach(actor)}|{fetch}|{days.Count}|" + string.Concat(words.Select(w => (w.End is null ? "z" : "e") + (w.ToleratesTypo ? "t" : "p")));
        var search = Compiled.GetValue(db.Model, _ => new()).GetOrAdd(key, _ => Compile(db, actor, words, days, fetch));
        WordValues W(int i) => i < words.Count ? words[i] : Unused;
        DateOnly D(int i) => i < days.Count ? days[i].Day : default;
        return await ReadAsync(search(db, actor.UserId, actor.TeamIdList, W(0).Word, W(0).End, W(0).Variants, W(1).Word, W(1).End,
            W(1).Variants, W(2).Word, W(2).End, W(2).Variants, D(0), D(1)), ct);
    }

    /// <summary>The kind of reach, which decides the access rule's shape: every file, or the rule of these roles' grants.</summary>
    private static string Reach(Actor actor) => AccessRules.OpensEveryFile(actor, FilePart.Identity)
        ? "every"
        : "own:" + string.Join(',', actor.Grants.Select(g => g.Role).Order());

    /// <summary>
    /// The files a search may find, over a stand-in of the actor whose id and teams become parameters (the same for every
    /// actor who may open every file: no rule, the query filters do the rest).
    /// </summary>
    private static IQueryable<Person> Searchable(AppDbContext db, Actor actor, Dictionary<(object, string), ParameterExpression> byValue)
    {
        var people = db.Set<Person>().AsNoTracking().Where(p => p.Status != PersonStatus.Anonymised);
        if (AccessRules.OpensEveryFile(actor, FilePart.Identity)) return people;
        var standIn = new Actor(actor.UserId, actor.OrganisationId, actor.Grants, actor.TeamIds);
        byValue[(standIn, nameof(Actor.UserId))] = Me;
        byValue[(standIn, nameof(Actor.TeamIdList))] = Teams;
        return people.Where(AccessRules.OpenableFiles(standIn, FilePart.Identity));
    }

    private static readonly WordValues Unused = new() { Word = "" };

    // The parameters every compiled search takes first (a parameter may stand in several lambdas).
    private static readonly ParameterExpression Context = Expression.Parameter(typeof(AppDbContext), "db"),
        Me = Expression.Parameter(typeof(Guid), "me"), Teams = Expression.Parameter(typeof(IReadOnlyList<Guid>), "teams");

    private static async Task<List<Row>> ReadAsync(IAsyncEnumerable<Row> rows, CancellationToken ct)
    {
        var list = new List<Row>();
        await foreach (var row in rows.WithCancellation(ct)) list.Add(row);
        return list;
    }

    /// <summary>Builds the statement over stand-ins of the same shape, then turns the stand-ins' values into parameters.</summary>
    private static Search Compile(AppDbContext db, Actor actor, IReadOnlyList<WordValues> words, IReadOnlyList<DayValue> days, int fetch)
    {
        var parameters = new List<ParameterExpression> { Context, Me, Teams };
        var byValue = new Dictionary<(object, string), ParameterExpression>(ReferenceKeyComparer.Instance);
        var standInWords = words.Select(w => new WordValues { Word = w.Word, End = w.End, Variants = w.Variants }).ToList();
        var standInDays = days.Select(d => new DayValue { Day = d.Day }).ToList();
        var query = Named(db, Searchable(db, actor, byValue), standInWords, standInDays, fetch, AccessRules.OpensEveryFile(actor, FilePart.Identity));

        for (var i = 0; i < MaxWords; i++)
        {
            var w = Expression.Parameter(typeof(string), "w" + i);
            var e = Expression.Parameter(typeof(string), "e" + i);
            var v = Expression.Parameter(typeof(List<string>), "v" + i);
            parameters.AddRange([w, e, v]);
            if (i >= standInWords.Count) continue;
            byValue[(standInWords[i], nameof(WordValues.Word))] = w;
            byValue[(standInWords[i], nameof(WordValues.End))] = e;
            byValue[(standInWords[i], nameof(WordValues.Variants))] = v;
        }
        for (var i = 0; i < MaxDays; i++)
        {
            var d = Expression.Parameter(typeof(DateOnly), "d" + i);
            parameters.Add(d);
            if (i < standInDays.Count) byValue[(standInDays[i], nameof(DayValue.Day))] = d;
        }
        var body = new ToParameters(Context, byValue).Visit(query.Expression);
        var compiled = EF.CompileAsyncQuery(Expression.Lambda<Func<AppDbContext, Guid, IReadOnlyList<Guid>, string, string?, List<string>,
            string, string?, List<string>, string, string?, List<string>, DateOnly, DateOnly, IQueryable<Row>>>(body, parameters));
        return (c, m, t, w0, e0, v0, w1, e1, v1, w2, e2, v2, d0, d1) => compiled(c, m, t, w0, e0, v0, w1, e1, v1, w2, e2, v2, d0, d1);
    }

    private delegate IAsyncEnumerable<Row> NumberSearch(AppDbContext db, Guid me, IReadOnlyList<Guid> teams, int file, DateOnly birth,
        string phone, string? phoneEnd);

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, NumberSearch?>> CompiledNumbers = new();

    /// <summary>The number lookups (<see cref="PeopleSearch.ByNumber"/>), compiled per model and shape.</summary>
    public static async Task<List<Row>> RunAsync(AppDbContext db, Actor actor, NumberValues n, int limit, CancellationToken ct)
    {
        var key = $"{Reach(actor)}|{limit}|{n.ByFile}|{n.ByBirth}|{n.ByPhone}|{n.PhoneEnd is null}";
        if (CompiledNumbers.GetValue(db.Model, _ => new()).GetOrAdd(key, _ => Compile(db, actor, n, limit)) is not { } search) return [];
        return await ReadAsync(search(db, actor.UserId, actor.TeamIdList, n.File, n.Birth, n.Phone, n.PhoneEnd), ct);
    }

    private static NumberSearch? Compile(AppDbContext db, Actor actor, NumberValues n, int limit)
    {
        var standIn = new NumberValues
        {
            ByFile = n.ByFile, File = n.File, ByBirth = n.ByBirth, Birth = n.Birth, ByPhone = n.ByPhone, Phone = n.Phone, PhoneEnd = n.PhoneEnd,
        };
        ParameterExpression[] values =
        [
            Expression.Parameter(typeof(int), "file"), Expression.Parameter(typeof(DateOnly), "birth"),
            Expression.Parameter(typeof(string), "phone"), Expression.Parameter(typeof(string), "phoneEnd"),
        ];
        var byValue = new Dictionary<(object, string), ParameterExpression>(ReferenceKeyComparer.Instance)
        {
            [(standIn, nameof(NumberValues.File))] = values[0], [(standIn, nameof(NumberValues.Birth))] = values[1],
            [(standIn, nameof(NumberValues.Phone))] = values[2], [(standIn, nameof(NumberValues.PhoneEnd))] = values[3],
        };
        if (ByNumber(db, Searchable(db, actor, byValue), standIn, limit) is not { } query) return null;
        var body = new ToParameters(Context, byValue).Visit(query.Expression);
        var compiled = EF.CompileAsyncQuery(
            Expression.Lambda<Func<AppDbContext, Guid, IReadOnlyList<Guid>, int, DateOnly, string, string?, IQueryable<Row>>>(body,
                [Context, Me, Teams, .. values]));
        return (c, m, t, file, birth, phone, phoneEnd) => compiled(c, m, t, file, birth, phone, phoneEnd);
    }

    /// <summary>
    /// Rewrites the built statement into the body of a compiled query: the stand-ins' properties become the lambda's
    /// parameters, the sets read from the lambda's context, and subqueries held in closures are inlined.
    /// </summary>
    private sealed class ToParameters(ParameterExpression context, Dictionary<(object, string), ParameterExpression> byValue) : ExpressionVisitor
    {
        private static readonly MethodInfo SetMethod = typeof(DbContext).GetMethod(nameof(DbContext.Set), Type.EmptyTypes)!;

        protected override Expression VisitMember(MemberExpression node)
        {
            if (Captured(node.Expression) is { } holder)
            {
                if (byValue.TryGetValue((holder, node.Member.Name), out var parameter)) return parameter;
                if (holder is WordValues or DayValue or NumberValues or Actor)
                    throw new InvalidOperationException($"A search value is read outside the compiled parameters: {node.Member.Name}.");
            }
            // A subquery captured by a lambda (WordHits' byPrefix): its own expression, rewritten too.
            if (typeof(IQueryable).IsAssignableFrom(node.Type) && Captured(node) is IQueryable sub) return Visit(sub.Expression);
            return base.VisitMember(node);
        }

        protected override Expression VisitExtension(Expression node) => node is EntityQueryRootExpression root
            ? Expression.Call(context, SetMethod.MakeGenericMethod(root.EntityType.ClrType))
            : base.VisitExtension(node);

        /// <summary>
        /// The value a closure holds (<c>value(closure).field</c>, or through nested closures
        /// <c>value(closure).outer.field</c>), or null for anything else.
        /// </summary>
        private static object? Captured(Expression? e) => e switch
        {
            ConstantExpression { Value: { } value } => value,
            MemberExpression { Member: FieldInfo field } m when Captured(m.Expression) is { } outer => field.GetValue(outer),
            _ => null,
        };
    }

    private sealed class ReferenceKeyComparer : IEqualityComparer<(object, string)>
    {
        public static readonly ReferenceKeyComparer Instance = new();
        public bool Equals((object, string) x, (object, string) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;
        public int GetHashCode((object, string) k) => HashCode.Combine(RuntimeHelpers.GetHashCode(k.Item1), k.Item2);
    }
}
