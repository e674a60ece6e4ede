using System.Collections.Concurrent;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using OpenCcas.Domain.Platform;

namespace OpenCcas.Web.Infrastructure.Identity;

/// <summary>
/// Who is calling, kept in memory for a few seconds: every API call and every page needs the token's owner, the
/// actor's roles and teams and the organisation's settings, and reading them costs more round trips than the work the
/// request came for. An entry is dropped as soon as this process saves a change to what it was read from (tokens,
/// accounts, role assignments, teams and their members, organisations — this class is a save interceptor), and in
/// any case after <see cref="Lifetime"/>: the bound for a change made by another instance of the application, the
/// same order as the one-minute revalidation of sign-in cookies.
/// </summary>
public sealed class AccessCache(TimeProvider time) : SaveChangesInterceptor
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    // Types whose change can alter an answer kept here. Any change clears everything: such changes are rare.
    private static readonly HashSet<Type> Sources =
        [typeof(ApiToken), typeof(AppUser), typeof(RoleAssignment), typeof(TeamMember), typeof(Team), typeof(Organisation), typeof(IdentityUserToken<Guid>)];

    private readonly ConcurrentDictionary<object, Entry> entries = new();
    private long generation;

    private sealed record Entry(object? Value, long Generation, DateTimeOffset Until);

    /// <summary>
    /// The cached value of <paramref name="key"/>, or <paramref name="load"/>'s (null is kept too: "no such token").
    /// The generation is taken before loading, so that a value read while a change is being saved is never kept.
    /// </summary>
    public async Task<T?> GetAsync<T>(object key, Func<Task<T?>> load) where T : class
    {
        var now = time.GetUtcNow();
        var current = Interlocked.Read(ref generation);
        if (entries.TryGetValue(key, out var hit) && hit.Generation == current && hit.Until > now) return (T?)hit.Value;
        var value = await load();
        if (entries.Count > 10_000) entries.Clear(); // bounded: random keys (unknown tokens) cannot fill the memory
        entries[key] = new Entry(value, current, now + Lifetime);
        return value;
    }

    /// <summary>Forgets one value (its source was changed by a bulk SQL statement, which no save reports).</summary>
    public void Forget(object key) => entries.TryRemove(key, out _);

    /// <summary>Forgets everything.</summary>
    public void Clear()
    {
        Interlocked.Increment(ref generation);
        entries.Clear();
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        ClearIfSourceChanged(eventData.Context);
        return result;
    }

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        ClearIfSourceChanged(eventData.Context);
        return ValueTask.FromResult(result);
    }

    // Cleared again once committed: a request that read the old rows between the two clears cannot keep them.
    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        ClearIfPending(eventData.Context);
        return result;
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        ClearIfPending(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData) => ClearIfPending(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        ClearIfPending(eventData.Context);
        return Task.CompletedTask;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> Pending = new();

    private void ClearIfSourceChanged(DbContext? context)
    {
        if (context is null) return;
        foreach (var e in context.ChangeTracker.Entries())
        {
            if (Sources.Contains(e.Metadata.ClrType) && e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                Pending.AddOrUpdate(context, this);
                Clear();
                return;
            }
        }
    }

    private void ClearIfPending(DbContext? context)
    {
        if (context is not null && Pending.Remove(context)) Clear();
    }
}
