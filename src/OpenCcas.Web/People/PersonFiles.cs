using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.People;

/// <summary>What happened when a file was asked for: found and allowed, absent (404), or refused (403).</summary>
public enum FileAccess { Allowed, NotFound, Denied }

/// <summary>
/// The People module's public surface for other modules: reach a person file through the access rules, and list the
/// files an actor may open.
/// </summary>
public static class PersonFiles
{
    /// <summary>
    /// The person with their teams, if the actor may open <paramref name="part"/> of the file. Another organisation's
    /// file is absent (the query filters hide it); a file of this organisation outside the actor's reach is refused.
    /// </summary>
    public static async Task<(FileAccess Access, Person? Person)> OpenAsync(AppDbContext db, Actor actor, Guid personId, FilePart part,
        bool tracked = false, CancellationToken ct = default)
    {
        var query = db.Set<Person>().Include(p => p.Teams).Where(p => p.Id == personId);
        var person = await (tracked ? query : query.AsNoTracking()).FirstOrDefaultAsync(ct);
        if (person is null) return (FileAccess.NotFound, null);
        return AccessRules.CanOpen(actor, AccessRules.ScopeOf(person), part) ? (FileAccess.Allowed, person) : (FileAccess.Denied, null);
    }

    /// <summary>The files the actor may open at this part (for lists, search and pickers).</summary>
    public static IQueryable<Person> Openable(AppDbContext db, Actor actor, FilePart part = FilePart.Identity) =>
        db.Set<Person>().Where(Rules.GetValue(actor, _ => new()).GetOrAdd(part, p => AccessRules.OpenableFiles(actor, p)));

    // The rule as an expression, kept with the actor it was built for: the signed-in actor is itself kept a few seconds
    // (AccessCache), and building the expression cost a search as much as parsing what was typed. Expressions are immutable.
    private static readonly ConditionalWeakTable<Actor, ConcurrentDictionary<FilePart, Expression<Func<Person, bool>>>> Rules = new();
}
