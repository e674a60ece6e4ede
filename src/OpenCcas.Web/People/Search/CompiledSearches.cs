using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Query;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Data;
using static OpenCcas.Web.People.Search.PeopleSearch;

namespace OpenCcas.Web.People.Search;

/// <summary>
/// The statements of a search by names and dates (<see cref="PeopleSearch.Named"/>), compiled once per shape for the
/// actors who may open every file of their organisation (the reception desk, managers): the search's values are the
/// compiled query's parameters, the organisation comes from the context's query filter as in every query.
/// </summary>
/// <remarks>
/// Under load, EF Core spent a quarter of a search's CPU before the SQL: walking the expression tree to extract its
/// parameters, then comparing it with the cached ones, plus a tenth building the LINQ. A compiled query skips all
/// three. The access rule of other actors holds their own ids, so their searches keep the ordinary path (their rule
/// would be compiled into the statement: one per actor and shape).
/// </remarks>
internal static class CompiledSearches
{
    private const int MaxWords = 3, MaxDays = 2;

    private delegate IAsyncEnumerable<Row> Search(AppDbContext db,
        string w0, string? e0, List<string> v0, string w1, string? e1, List<string> v1, string w2, string? e2, List<string> v2,
        DateOnly d0, DateOnly d1);

    // Per model (a compiled query serves one model: the application has one per provider, tests build others), per
    // shape: the fetch size, the days' count, and per word a prefix end or not, a typo tolerated or not. A few dozen
    // shapes in practice (three words at most here).
    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, Search>> Compiled = new();

    public static bool Fits(IReadOnlyList<WordValues> words, IReadOnlyList<DayValue> days) => words.Count <= MaxWords && days.Count <= MaxDays;

    public static async Task<List<Row>> RunAsync(AppDbContext db, IReadOnlyList<WordValues> words, IReadOnlyList<DayValue> days, int fetch,
        CancellationToken ct)
    {
        var key = $"{fetch}|{days.Count}|" + string.Concat(words.Select(w => (w.End is null ? "z" : "e") + (w.ToleratesTypo ? "t" : "p")));
        var search = Compiled.GetValue(db.Model, _ => new()).GetOrAdd(key, _ => Compile(db, words, days, fetch));
        WordValues W(int i) => i < words.Count ? words[i] : Unused;
        DateOnly D(int i) => i < days.Count ? days[i].Day : default;
        var rows = new List<Row>(fetch);
        await foreach (var row in search(db, W(0).Word, W(0).End, W(0).Variants, W(1).Word, W(1).End, W(1).Variants,
                           W(2).Word, W(2).End, W(2).Variants, D(0), D(1)).WithCancellation(ct))
            rows.Add(row);
        return rows;
    }

    private static readonly WordValues Unused = new() { Word = "" };

    /// <summary>Builds the statement over stand-ins of the same shape, then turns the stand-ins' values into parameters.</summary>
    private static Search Compile(AppDbContext db, IReadOnlyList<WordValues> words, IReadOnlyList<DayValue> days, int fetch)
    {
        var standInWords = words.Select(w => new WordValues { Word = w.Word, End = w.End, Variants = w.Variants }).ToList();
        var standInDays = days.Select(d => new DayValue { Day = d.Day }).ToList();
        var query = Named(db, Searchable(db), standInWords, standInDays, fetch);

        var context = Expression.Parameter(typeof(AppDbContext), "db");
        var parameters = new List<ParameterExpression> { context };
        var byValue = new Dictionary<(object, string), ParameterExpression>(ReferenceKeyComparer.Instance);
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
        var body = new ToParameters(context, byValue).Visit(query.Expression);
        var compiled = EF.CompileAsyncQuery(Expression.Lambda<Func<AppDbContext, string, string?, List<string>, string, string?, List<string>,
            string, string?, List<string>, DateOnly, DateOnly, IQueryable<Row>>>(body, parameters));
        return (c, w0, e0, v0, w1, e1, v1, w2, e2, v2, d0, d1) => compiled(c, w0, e0, v0, w1, e1, v1, w2, e2, v2, d0, d1);
    }

    private delegate IAsyncEnumerable<Row> NumberSearch(AppDbContext db, int file, DateOnly birth, string phone, string? phoneEnd);

    private static readonly ConditionalWeakTable<IModel, ConcurrentDictionary<string, NumberSearch?>> CompiledNumbers = new();

    /// <summary>The number lookups (<see cref="PeopleSearch.ByNumber"/>), compiled per model and shape.</summary>
    public static async Task<List<Row>> RunAsync(AppDbContext db, NumberValues n, int limit, CancellationToken ct)
    {
        var key = $"{limit}|{n.ByFile}|{n.ByBirth}|{n.ByPhone}|{n.PhoneEnd is null}";
        if (CompiledNumbers.GetValue(db.Model, _ => new()).GetOrAdd(key, _ => Compile(db, n, limit)) is not { } search) return [];
        var rows = new List<Row>();
        await foreach (var row in search(db, n.File, n.Birth, n.Phone, n.PhoneEnd).WithCancellation(ct)) rows.Add(row);
        return rows;
    }

    private static NumberSearch? Compile(AppDbContext db, NumberValues n, int limit)
    {
        var standIn = new NumberValues
        {
            ByFile = n.ByFile, File = n.File, ByBirth = n.ByBirth, Birth = n.Birth, ByPhone = n.ByPhone, Phone = n.Phone, PhoneEnd = n.PhoneEnd,
        };
        if (ByNumber(db, Searchable(db), standIn, limit) is not { } query) return null;
        var context = Expression.Parameter(typeof(AppDbContext), "db");
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
        var body = new ToParameters(context, byValue).Visit(query.Expression);
        var compiled = EF.CompileAsyncQuery(
            Expression.Lambda<Func<AppDbContext, int, DateOnly, string, string?, IQueryable<Row>>>(body, [context, .. values]));
        return (c, file, birth, phone, phoneEnd) => compiled(c, file, birth, phone, phoneEnd);
    }

    /// <summary>The files a search may find, for an actor who may open every file: the query filters do the rest.</summary>
    private static IQueryable<Person> Searchable(AppDbContext db) =>
        db.Set<Person>().AsNoTracking().Where(p => p.Status != PersonStatus.Anonymised);

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
                if (holder is WordValues or DayValue or NumberValues)
                    throw new InvalidOperationException($"A search value is read outside the compiled parameters: {node.Member.Name}.");
            }
            // A subquery captured by a lambda (WordHits' byPrefix): its own expression, rewritten too.
            if (typeof(IQueryable).IsAssignableFrom(node.Type) && Captured(node) is IQueryable sub) return Visit(sub.Expression);
            return base.VisitMember(node);
        }

        protected override Expression VisitExtension(Expression node) => node is EntityQueryRootExpression root
            ? Expression.Call(context, SetMethod.MakeGenericMethod(root.EntityType.ClrType))
            : base.VisitExtension(node);

        /// <summary>The value a closure's field holds (<c>value(closure).field</c>), or null for anything else.</summary>
        private static object? Captured(Expression? e) =>
            e is MemberExpression { Expression: ConstantExpression { Value: { } closure }, Member: FieldInfo field } ? field.GetValue(closure) : null;
    }

    private sealed class ReferenceKeyComparer : IEqualityComparer<(object, string)>
    {
        public static readonly ReferenceKeyComparer Instance = new();
        public bool Equals((object, string) x, (object, string) y) => ReferenceEquals(x.Item1, y.Item1) && x.Item2 == y.Item2;
        public int GetHashCode((object, string) k) => HashCode.Combine(RuntimeHelpers.GetHashCode(k.Item1), k.Item2);
    }
}
