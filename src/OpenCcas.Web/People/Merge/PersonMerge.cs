using System.Linq.Expressions;
using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Web.People.Merge;

public enum MergeOutcome { Merged, NotFound, Denied, Invalid, Conflict }

public sealed record MergeResult(MergeOutcome Outcome, string? Error = null, int Moved = 0);

/// <summary>How many records of one kind each file has (shown before a merge).</summary>
public sealed record MergeCount(string Label, int Kept, int Duplicate);

/// <summary>
/// Merging a duplicate file into the file kept: in one save (one transaction) every record that references the
/// duplicate — found in the EF model, every entity with a PersonId or a foreign key to Person, so modules added later
/// are covered — is moved to the kept file; the fields the kept file lacks are copied from the duplicate; the duplicate
/// becomes Inactive with <see cref="Person.MergedIntoId"/>. Links the kept file already has (a team, a collective
/// session) are dropped from the duplicate rather than doubled; when both have a current household membership, the
/// kept file's stays and the duplicate's is closed today. Every move is audited, plus one line describing the merge.
/// </summary>
public static partial class PersonMerge
{
    /// <summary>Person fields never copied: identity of the row, bookkeeping, and what the merge itself sets.</summary>
    private static readonly HashSet<string> NotCopied =
    [
        nameof(Person.Id), nameof(Person.OrganisationId), nameof(Person.FileNumber), nameof(Person.SearchName),
        nameof(Person.Status), nameof(Person.MergedIntoId), nameof(Person.CreatedAt), nameof(Person.LastOperationAt),
        nameof(Person.Version), nameof(Person.LastName), nameof(Person.FirstNames), nameof(Person.DeathDate),
        nameof(Person.NoStableHome),
    ];

    /// <summary>Every (entity type, property) that points at a person, apart from the person itself and the search index.</summary>
    public static IReadOnlyList<(IEntityType Type, IProperty Property)> References(IModel model)
    {
        var found = new List<(IEntityType, IProperty)>();
        foreach (var type in model.GetEntityTypes())
        {
            if (type.ClrType == typeof(Person) || type.ClrType == typeof(PersonSearchTerm) || type.IsOwned()) continue;
            var props = type.GetProperties()
                .Where(p => p.Name == "PersonId" && (p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?)))
                .Concat(type.GetForeignKeys()
                    .Where(fk => fk.PrincipalEntityType.ClrType == typeof(Person) && fk.Properties.Count == 1)
                    .Select(fk => fk.Properties[0]))
                .Where(p => !p.IsPrimaryKey())
                .Distinct();
            foreach (var p in props) found.Add((type, p));
        }
        return found.OrderBy(f => f.Item1.ClrType.Name).ThenBy(f => f.Item2.Name).ToList();
    }

    /// <summary>Counts per kind of record of both files (kinds neither has are left out).</summary>
    public static async Task<IReadOnlyList<MergeCount>> CountsAsync(AppDbContext db, Guid keptId, Guid duplicateId, CancellationToken ct = default)
    {
        var counts = new List<MergeCount>();
        foreach (var (type, prop) in References(db.Model))
        {
            var kept = await CountAsync(db, type, prop, keptId, ct);
            var dup = await CountAsync(db, type, prop, duplicateId, ct);
            if (kept + dup > 0) counts.Add(new MergeCount(AuditLabels.Of(type.ClrType.Name), kept, dup));
        }
        return counts;
    }

    /// <summary>
    /// Merges <paramref name="duplicateId"/> into <paramref name="keptId"/>. The actor needs <see cref="Permission.MergePeople"/>
    /// and must be able to open every part of both files; another organisation's file is not found.
    /// </summary>
    public static async Task<MergeResult> MergeAsync(AppDbContext db, AuditLog audit, Actor actor, Guid keptId, Guid duplicateId,
        CancellationToken ct = default)
    {
        if (!AccessRules.Can(actor, Permission.MergePeople)) return new(MergeOutcome.Denied);
        var (keptAccess, kept) = await PersonFiles.OpenAsync(db, actor, keptId, FilePart.Sensitive, tracked: true, ct);
        var (dupAccess, dup) = await PersonFiles.OpenAsync(db, actor, duplicateId, FilePart.Sensitive, tracked: true, ct);
        if (keptAccess == FileAccess.NotFound || dupAccess == FileAccess.NotFound) return new(MergeOutcome.NotFound);
        if (keptAccess == FileAccess.Denied || dupAccess == FileAccess.Denied) return new(MergeOutcome.Denied);
        if (Check(kept!, dup!) is { } error) return new(MergeOutcome.Invalid, error);

        var moved = 0;
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Paris).DateTime);
        foreach (var (type, prop) in References(db.Model))
        {
            var rows = await RowsAsync(db, type, prop, duplicateId, ct);
            if (rows.Count == 0) continue;
            var unique = type.GetIndexes().Where(i => i.IsUnique && i.Properties.Contains(prop)).ToList();
            var keptRows = unique.Count > 0 ? await RowsAsync(db, type, prop, keptId, ct) : [];
            foreach (var row in rows)
            {
                var entry = db.Entry(row);
                var clash = unique.Select(ix => (Index: ix, With: keptRows.FirstOrDefault(k => Clashes(ix, prop, entry, db.Entry(k)))))
                    .FirstOrDefault(c => c.With is not null);
                if (clash.With is null)
                {
                    entry.Property(prop.Name).CurrentValue = keptId;
                    moved++;
                }
                else if (IsNullFilter(clash.Index) is { } column && Closable(entry.Property(column)))
                {
                    // Both current (e.g. household memberships): the kept file's stays, the duplicate's ends today.
                    entry.Property(column).CurrentValue = today;
                    entry.Property(prop.Name).CurrentValue = keptId;
                    moved++;
                }
                else
                {
                    // The kept file already has this link (same team, same session): the duplicate's copy goes.
                    entry.State = EntityState.Deleted;
                }
            }
        }

        var copied = CopyMissingFields(db, kept!, dup!);
        if (dup!.ReferentId is not null && kept!.ReferentId is null) kept.ReferentId = dup.ReferentId;
        kept!.LastOperationAt = DateTimeOffset.UtcNow;
        kept.SearchName = PersonNames.SearchKey(kept);
        dup.Status = PersonStatus.Inactive;
        dup.MergedIntoId = kept.Id;
        dup.LastOperationAt = DateTimeOffset.UtcNow;

        try
        {
            // The audit line is written with the moves, in the same save and transaction.
            await audit.RecordAsync(AuditAction.Update, "Person", kept.Id.ToString(),
                $"Fusion : le dossier n° {dup.FileNumber} « {dup.DisplayName} » est fusionné dans le dossier n° {kept.FileNumber} « {kept.DisplayName} » ; "
                + $"{moved} enregistrement(s) rattaché(s)" + (copied.Count > 0 ? $", champs repris : {string.Join(", ", copied)}." : "."), ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new(MergeOutcome.Conflict, "L'un des deux dossiers a été modifié entre-temps : relisez-les et recommencez.");
        }
        return new(MergeOutcome.Merged, null, moved);
    }

    /// <summary>Why two files cannot be merged, in French; null when they can.</summary>
    public static string? Check(Person kept, Person dup)
    {
        if (kept.Id == dup.Id) return "Un dossier ne peut pas être fusionné avec lui-même.";
        if (kept.MergedIntoId is not null || dup.MergedIntoId is not null) return "L'un des deux dossiers a déjà été fusionné dans un autre.";
        if (kept.Status == PersonStatus.Anonymised || dup.Status == PersonStatus.Anonymised) return "Un dossier anonymisé ne peut pas être fusionné.";
        return null;
    }

    private static readonly TimeZoneInfo Paris = TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris");

    /// <summary>Copies into the kept file each field it lacks and the duplicate has; answers the fields copied.</summary>
    private static List<string> CopyMissingFields(AppDbContext db, Person kept, Person dup)
    {
        var copied = new List<string>();
        var keptEntry = db.Entry(kept);
        var dupEntry = db.Entry(dup);
        foreach (var p in db.Model.FindEntityType(typeof(Person))!.GetProperties())
        {
            if (NotCopied.Contains(p.Name) || p.IsShadowProperty() || (p.IsForeignKey() && p.Name != nameof(Person.SiteId))) continue;
            var mine = keptEntry.Property(p.Name).CurrentValue;
            var theirs = dupEntry.Property(p.Name).CurrentValue;
            if (IsMissing(mine) && !IsMissing(theirs))
            {
                keptEntry.Property(p.Name).CurrentValue = theirs;
                copied.Add(p.Name);
            }
        }
        return copied;
    }

    private static bool IsMissing(object? value) => value switch
    {
        null => true,
        string s => string.IsNullOrWhiteSpace(s),
        Enum e => e.ToString() is "Unknown" or "Unspecified" or "None",
        _ => false,
    };

    /// <summary>Would moving this row to the kept file break the unique index, because of that kept row?</summary>
    private static bool Clashes(IIndex index, IProperty personProperty, EntityEntry dupRow, EntityEntry keptRow)
    {
        foreach (var p in index.Properties)
        {
            if (p == personProperty || p.Name == "OrganisationId") continue;
            if (!Equals(dupRow.Property(p.Name).CurrentValue, keptRow.Property(p.Name).CurrentValue)) return false;
        }
        if (IsNullFilter(index) is { } column)
            return dupRow.Property(column).CurrentValue is null && keptRow.Property(column).CurrentValue is null;
        return index.GetFilter() is null;
    }

    /// <summary>The column of a filter "\"Column\" IS NULL" (a current-row unique index), or null.</summary>
    private static string? IsNullFilter(IIndex index) =>
        index.GetFilter() is { } f && IsNullFilterPattern().Match(f.Trim()) is { Success: true } m ? m.Groups[1].Value : null;

    private static bool Closable(PropertyEntry column) =>
        column.Metadata.ClrType == typeof(DateOnly?) || column.Metadata.ClrType == typeof(DateTime?);

    [GeneratedRegex("^\\(?\"?(\\w+)\"? IS NULL\\)?$", RegexOptions.IgnoreCase)]
    private static partial Regex IsNullFilterPattern();

    private static Task<int> CountAsync(AppDbContext db, IEntityType type, IProperty prop, Guid personId, CancellationToken ct) =>
        (Task<int>)CountMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, prop, personId, ct])!;

    private static Task<List<object>> RowsAsync(AppDbContext db, IEntityType type, IProperty prop, Guid personId, CancellationToken ct) =>
        (Task<List<object>>)RowsMethod.MakeGenericMethod(type.ClrType).Invoke(null, [db, prop, personId, ct])!;

    private static readonly MethodInfo CountMethod = typeof(PersonMerge).GetMethod(nameof(CountOf), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo RowsMethod = typeof(PersonMerge).GetMethod(nameof(RowsOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static Task<int> CountOf<T>(AppDbContext db, IProperty prop, Guid personId, CancellationToken ct) where T : class =>
        db.Set<T>().Where(Refers<T>(prop, personId)).CountAsync(ct);

    private static async Task<List<object>> RowsOf<T>(AppDbContext db, IProperty prop, Guid personId, CancellationToken ct) where T : class =>
        (await db.Set<T>().Where(Refers<T>(prop, personId)).ToListAsync(ct)).Cast<object>().ToList();

    /// <summary>e =&gt; EF.Property&lt;Guid or Guid?&gt;(e, "PersonId") == personId</summary>
    private static Expression<Func<T, bool>> Refers<T>(IProperty prop, Guid personId)
    {
        var e = Expression.Parameter(typeof(T), "e");
        var access = Expression.Call(typeof(EF), nameof(EF.Property), [prop.ClrType], e, Expression.Constant(prop.Name));
        var value = Expression.Constant(personId, prop.ClrType);
        return Expression.Lambda<Func<T, bool>>(Expression.Equal(access, value), e);
    }
}
