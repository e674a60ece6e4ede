using System.Linq.Expressions;
using System.Reflection;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.People.Rights;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.People.Retention;

public sealed record RetentionCandidate(Guid Id, int FileNumber, string DisplayName, DateTimeOffset LastOperation, DateTimeOffset Expiry);

public sealed record RetentionReport(int FilesAnonymised, int AppointmentsCleared, int ReceiptsAnonymised, IReadOnlyList<int> FileNumbers, bool DryRun,
    int AuditLinesPurged = 0)
{
    public string Summary => (DryRun ? "Simulation : " : "")
        + $"{FilesAnonymised} dossier(s) anonymisé(s), {AppointmentsCleared} rendez-vous de plus de deux ans vidés de leur texte, "
        + $"{ReceiptsAnonymised} accusé(s) de notification anonymisé(s), {AuditLinesPurged} entrée(s) du journal d'audit supprimée(s).";
}

/// <summary>
/// The retention rules of data-protection.md for person files, appointments and notification receipts, for the
/// organisation of the scope. The last operation on a file is the latest of <see cref="Person.LastOperationAt"/> and
/// every date of every record holding its PersonId (interviews, appointments, contacts, notes, actions, referrals,
/// plans, procedures, memberships, documents, consents… and whatever module is added later), decided by the database.
/// <para>
/// Anonymising keeps statistics true: the rows stay (counts, modes, sites, agents, dates, amounts, statuses), the
/// person keeps sex, birth year (as 1 January), nationality group, housing, family and professional situations,
/// protection kind, GIR, site and teams; names, birth place, contact details, identifiers (NIR, CAF, France Travail),
/// the protection representative and every text of the person's records go; documents and consents are deleted; the
/// search key is emptied. Each file is changed in one save, so audited in the same transaction — without the old
/// values, which would otherwise be kept by the audit log; and the past audit lines of every record changed lose their
/// personal values the same way, in that save (<see cref="AuditRedaction"/>).
/// </para>
/// <para>Audit lines older than the log's retention are removed (<see cref="AuditPurge"/>).</para>
/// </summary>
public static class RetentionRunner
{
    public const string Anonymous = "Anonyme";
    public const string AnonymousHousehold = "Ménage anonymisé";

    /// <summary>The person's columns anonymisation empties, and those it sets to a placeholder (for the file and its past audit lines).</summary>
    private static readonly string[] PersonCleared =
    [
        nameof(Person.UsageName), nameof(Person.BirthName), nameof(Person.BirthPlace), nameof(Person.Phone), nameof(Person.Email),
        nameof(Person.Address), nameof(Person.PostalCode), nameof(Person.City), nameof(Person.CafNumber), nameof(Person.FranceTravailNumber),
        nameof(Person.Nir), nameof(Person.ProtectionRepresentative),
    ];

    private static readonly Dictionary<string, string> PersonPlaceholders = new()
    {
        [nameof(Person.LastName)] = Anonymous, [nameof(Person.FirstNames)] = "", [nameof(Person.SearchName)] = "",
    };

    /// <summary>Descriptions written before free text went between « » (see <see cref="AuditLog"/>): what follows these labels is free text.</summary>
    private static readonly string[] FreeTextLabels = ["Document téléchargé : ", "Conservation prolongée : "];

    /// <summary>The files not anonymised whose every operation is before <paramref name="before"/>.</summary>
    public static IQueryable<Person> UntouchedSince(AppDbContext db, DateTimeOffset before)
    {
        var query = db.Set<Person>().Where(p => p.Status != PersonStatus.Anonymised && p.LastOperationAt < before);
        foreach (var type in PersonDataExport.PersonLinkedTypes(db))
            if (RecentRecordExists(db, type, before) is { } recent)
                query = query.Where(Expression.Lambda<Func<Person, bool>>(Expression.Not(recent.Body), recent.Parameters));
        return query;
    }

    /// <summary>The review list: files expiring within the review period (and those already expired, awaiting the job).</summary>
    public static async Task<List<RetentionCandidate>> ReviewListAsync(AppDbContext db, RetentionRules rules, DateTimeOffset now, int take = 500, CancellationToken ct = default)
    {
        var people = await UntouchedSince(db, rules.ReviewBefore(now)).AsNoTracking().OrderBy(p => p.LastOperationAt).Take(take)
            .Select(p => new { p.Id, p.FileNumber, p.LastName, p.UsageName, p.BirthName, p.FirstNames, p.Sex, p.LastOperationAt }).ToListAsync(ct);
        var ids = people.Select(p => p.Id).ToList();
        var last = await LastOperationsAsync(db, ids, ct);
        return people.Select(p =>
        {
            var op = last.TryGetValue(p.Id, out var l) && l > p.LastOperationAt ? l : p.LastOperationAt;
            var name = new Person { LastName = p.LastName, UsageName = p.UsageName, BirthName = p.BirthName, FirstNames = p.FirstNames, Sex = p.Sex }.DisplayName;
            return new RetentionCandidate(p.Id, p.FileNumber, name, op, rules.ExpiryOf(op));
        }).OrderBy(c => c.Expiry).ToList();
    }

    public static async Task<RetentionReport> RunAsync(AppDbContext db, RetentionRules rules, DateTimeOffset now, bool dryRun, CancellationToken ct = default)
    {
        var expired = await UntouchedSince(db, rules.ExpiredBefore(now)).Select(p => new { p.Id, p.FileNumber }).ToListAsync(ct);
        var appointmentsBefore = now.AddMonths(-rules.AppointmentMonths);
        var oldAppointments = db.Set<Appointment>().Where(a => a.Start < appointmentsBefore && (a.Subject != null || a.Comment != null));
        var receiptsBefore = now.AddMonths(-rules.ReceiptMonths);
        var oldReceipts = db.Set<AppointmentReminder>().Where(r => r.SentAt < receiptsBefore && r.Recipient != Anonymous);
        var auditBefore = rules.AuditPurgeBefore(now);
        if (dryRun)
            return new RetentionReport(expired.Count, await oldAppointments.CountAsync(ct), await oldReceipts.CountAsync(ct),
                expired.Select(e => e.FileNumber).ToList(), true, await AuditPurge.RunAsync(db, auditBefore, dryRun: true, ct));

        foreach (var file in expired)
        {
            await AnonymiseAsync(db, file.Id, ct);
            db.ChangeTracker.Clear();
        }
        // Appointments older than their retention: the rows stay for the statistics (date, site, agent, mode, status,
        // and the person link, itself anonymised with the file); their texts go. In batches, each save audited.
        var appointments = 0;
        while (await oldAppointments.OrderBy(a => a.Id).Take(500).ToListAsync(ct) is { Count: > 0 } batch)
        {
            foreach (var a in batch) { Blank(db.Entry(a).Property("Subject")); Blank(db.Entry(a).Property("Comment")); }
            await AuditRedaction.RedactAsync(db, [Cleared(nameof(Appointment), batch.Select(a => a.Id), ("Subject", null), ("Comment", null))], ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            appointments += batch.Count;
        }
        var receipts = 0;
        while (await oldReceipts.OrderBy(r => r.Id).Take(500).ToListAsync(ct) is { Count: > 0 } batch)
        {
            foreach (var r in batch) { Blank(db.Entry(r).Property("Recipient"), Anonymous); Blank(db.Entry(r).Property("Error")); }
            await AuditRedaction.RedactAsync(db, [Cleared(nameof(AppointmentReminder), batch.Select(r => r.Id), ("Recipient", Anonymous), ("Error", null))], ct);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
            receipts += batch.Count;
        }
        var purged = await AuditPurge.RunAsync(db, auditBefore, dryRun: false, ct);
        return new RetentionReport(expired.Count, appointments, receipts, expired.Select(e => e.FileNumber).ToList(), false, purged);
    }

    /// <summary>The audit lines of records whose listed columns were set to these values.</summary>
    private static RedactionTarget Cleared(string entityType, IEnumerable<Guid> ids, params (string Property, string? Value)[] columns)
    {
        var values = columns.ToDictionary(c => c.Property, c => c.Value);
        return new(entityType, ids.Select(i => i.ToString()).ToList(),
            (property, _) => values.TryGetValue(property, out var v) ? (true, v is null ? null : JsonValue.Create(v)) : (false, null));
    }

    /// <summary>Anonymises one file and its records in one save (one transaction, audited).</summary>
    public static async Task AnonymiseAsync(AppDbContext db, Guid personId, CancellationToken ct = default)
    {
        var person = await db.Set<Person>().FirstAsync(p => p.Id == personId, ct);
        var entry = db.Entry(person);
        // What the file said, to find it again in the descriptions of past audit lines.
        var personal = PersonCleared.Concat(PersonPlaceholders.Keys).Where(n => n != nameof(Person.SearchName))
            .Select(n => entry.Property(n).CurrentValue as string).ToList();
        foreach (var name in PersonCleared) Blank(entry.Property(name));
        foreach (var (name, placeholder) in PersonPlaceholders) Blank(entry.Property(name), placeholder);
        var birth = entry.Property(nameof(Person.BirthDate));
        birth.CurrentValue = RetentionRules.BirthYearOnly(person.BirthDate);
        birth.OriginalValue = birth.CurrentValue;
        birth.IsModified = true;
        person.Status = PersonStatus.Anonymised;

        var linked = new Dictionary<IEntityType, List<object>>();
        foreach (var type in PersonDataExport.PersonLinkedTypes(db))
            linked[type] = await LoadAsync(db, type, "PersonId", [personId], ct);
        // Records that depend on those (plan goals and actions, reminders), one and two levels down.
        for (var depth = 0; depth < 2; depth++)
            foreach (var (type, rows) in linked.ToList().Where(x => x.Value.Count > 0))
            {
                var keys = rows.Select(r => db.Entry(r).Property(type.FindPrimaryKey()!.Properties[0].Name).CurrentValue).OfType<Guid>().ToList();
                foreach (var fk in type.GetReferencingForeignKeys().Where(fk => fk.Properties.Count == 1 && !linked.ContainsKey(fk.DeclaringEntityType)
                             && fk.DeclaringEntityType.ClrType != typeof(DocumentContent) && fk.DeclaringEntityType.ClrType != typeof(Person)))
                    linked[fk.DeclaringEntityType] = await LoadAsync(db, fk.DeclaringEntityType, fk.Properties[0].Name, keys, ct);
            }

        var targets = new List<RedactionTarget>();
        foreach (var (type, rows) in linked)
        {
            var deleted = type.ClrType == typeof(PersonDocument) || type.ClrType == typeof(PersonConsent);
            foreach (var row in rows)
            {
                var e = db.Entry(row);
                foreach (var p in e.Properties.Where(p => IsText(p.Metadata)))
                {
                    if (p.CurrentValue is string { Length: >= 2 and <= 200 } text) personal.Add(text);
                    Blank(p, TextPlaceholder(p.Metadata));
                }
                if (deleted) e.State = EntityState.Deleted;
            }
            if (rows.Count > 0) targets.Add(Linked(db, type, rows));
            if (type.ClrType == typeof(PersonDocument) && rows.Count > 0)
            {
                var ids = rows.Cast<PersonDocument>().Select(d => d.Id).ToList();
                foreach (var content in await db.Set<DocumentContent>().Where(c => ids.Contains(c.Id)).ToListAsync(ct))
                {
                    // Deleted without its bytes in the deletion's audit diff.
                    var bytes = db.Entry(content).Property(c => c.Bytes);
                    bytes.CurrentValue = bytes.OriginalValue = [];
                    db.Remove(content);
                }
                // The content of a document is in the diff of its creation.
                targets.Add(Cleared(nameof(DocumentContent), ids, (nameof(DocumentContent.Bytes), null)));
            }
        }
        // A household named after its members loses its name once none of its members is left with a name.
        var householdIds = linked.Where(x => x.Key.ClrType == typeof(HouseholdMember)).SelectMany(x => x.Value).Cast<HouseholdMember>().Select(m => m.HouseholdId).Distinct().ToList();
        foreach (var household in await db.Set<Household>().Where(h => householdIds.Contains(h.Id)).ToListAsync(ct))
        {
            var named = await db.Set<HouseholdMember>().AnyAsync(m => m.HouseholdId == household.Id && m.PersonId != personId
                && db.Set<Person>().Any(p => p.Id == m.PersonId && p.Status != PersonStatus.Anonymised), ct);
            if (!named)
            {
                Blank(db.Entry(household).Property("Name"), AnonymousHousehold);
                targets.Add(Cleared(nameof(Household), [household.Id], ("Name", AnonymousHousehold)));
            }
        }

        // Past audit lines: the file's (changes, and descriptions of reads, exports, prints), its records', and the
        // descriptions of the files merged with it (a merge line names both people).
        targets.Add(new(nameof(Person), [personId.ToString()], PersonValue, text => AuditRedaction.Description(FreeText(text), personal)));
        var merged = await db.Set<Person>().Where(p => p.MergedIntoId == personId).Select(p => p.Id).ToListAsync(ct);
        if (person.MergedIntoId is { } into) merged.Add(into);
        if (merged.Count > 0)
            targets.Add(new(nameof(Person), merged.Select(m => m.ToString()).ToList(), (_, _) => (false, null), text => AuditRedaction.Description(text, personal, quoted: false)));
        await AuditRedaction.RedactAsync(db, targets, ct);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>The columns of a person's records that anonymisation empties: texts that are neither keys, links nor codes.</summary>
    private static bool IsText(IProperty p) => p.ClrType == typeof(string) && !p.IsKey() && !p.IsForeignKey() && p.GetValueConverter() is null;

    private static string? TextPlaceholder(IProperty p) => p.IsNullable ? null : p.DeclaringType.ClrType == typeof(AppointmentReminder) ? Anonymous : "";

    /// <summary>What anonymisation leaves of a value of the person in a past diff: the same as in the file.</summary>
    private static (bool, JsonNode?) PersonValue(string property, JsonNode? value)
    {
        if (PersonCleared.Contains(property)) return (true, null);
        if (PersonPlaceholders.TryGetValue(property, out var placeholder)) return (true, JsonValue.Create(placeholder));
        if (property == nameof(Person.BirthDate) && value?.GetValueKind() == System.Text.Json.JsonValueKind.String
            && DateOnly.TryParse(value.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture, out var birth))
            return (true, JsonValue.Create(RetentionRules.BirthYearOnly(birth)!.Value.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)));
        return (false, null);
    }

    /// <summary>The audit lines of records of one type linked to the file, keyed as the audit writes them.</summary>
    private static RedactionTarget Linked(AppDbContext db, IEntityType type, List<object> rows)
    {
        var key = type.FindPrimaryKey()!.Properties;
        var ids = rows.Select(r => string.Join(",", key.Select(k => db.Entry(r).Property(k.Name).CurrentValue?.ToString()))).ToList();
        return new(type.ClrType.Name, ids,
            (property, _) => type.FindProperty(property) is { } p && IsText(p) ? (true, TextPlaceholder(p) is { } v ? JsonValue.Create(v) : null) : (false, null));
    }

    /// <summary>A description written before free text went between « »: the free text after its label, quoted.</summary>
    private static string FreeText(string text)
    {
        foreach (var label in FreeTextLabels)
            if (text.StartsWith(label, StringComparison.Ordinal) && !text.Contains('«')) return label + "« " + text[label.Length..] + " »";
        return text;
    }

    /// <summary>
    /// Sets a value and makes the audit diff skip it: the column is written (the property stays modified) but the
    /// old personal value is not copied into the audit log.
    /// </summary>
    private static void Blank(Microsoft.EntityFrameworkCore.ChangeTracking.PropertyEntry property, string? value = null)
    {
        if (property.CurrentValue is null && value is null) return;
        if (property.CurrentValue is string s && s == value) return;
        property.CurrentValue = value;
        property.OriginalValue = value;
        property.IsModified = true;
    }

    /// <summary>The latest date of the records of each person (for the review list; a few hundred people at most).</summary>
    private static async Task<Dictionary<Guid, DateTimeOffset>> LastOperationsAsync(AppDbContext db, List<Guid> ids, CancellationToken ct)
    {
        var result = new Dictionary<Guid, DateTimeOffset>();
        if (ids.Count == 0) return result;
        foreach (var type in PersonDataExport.PersonLinkedTypes(db))
            foreach (var p in DateProperties(type))
            {
                var method = typeof(RetentionRunner).GetMethod(nameof(MaxDatesAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(type.ClrType, p.ClrType);
                var maxima = await (Task<List<(Guid, DateTimeOffset)>>)method.Invoke(null, [db, p.Name, type.FindProperty("PersonId")!.ClrType == typeof(Guid?), ids, ct])!;
                foreach (var (id, at) in maxima)
                    if (!result.TryGetValue(id, out var known) || at > known) result[id] = at;
            }
        return result;
    }

    private static async Task<List<(Guid, DateTimeOffset)>> MaxDatesAsync<T, TDate>(AppDbContext db, string property, bool nullable, List<Guid> ids, CancellationToken ct) where T : class
    {
        var nullableIds = ids.Select(i => (Guid?)i).ToList();
        var rows = await db.Set<T>().Where(e => nullableIds.Contains(EF.Property<Guid?>(e, "PersonId")))
            .GroupBy(e => EF.Property<Guid?>(e, "PersonId"))
            .Select(g => new { g.Key, Max = g.Max(e => EF.Property<TDate>(e, property)) })
            .ToListAsync(ct);
        return rows.Where(r => r.Key is not null && r.Max is not null).Select(r => (r.Key!.Value, AsInstant(r.Max!))).ToList();
    }

    private static DateTimeOffset AsInstant(object value) => value switch
    {
        DateTimeOffset d => d,
        DateOnly d => Infrastructure.Audit.Paris.StartOfDay(d),
        _ => DateTimeOffset.MinValue,
    };

    private static IEnumerable<IProperty> DateProperties(IEntityType type) => type.GetProperties()
        .Where(p => p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?) || p.ClrType == typeof(DateOnly) || p.ClrType == typeof(DateOnly?));

    /// <summary>p => a record of this type for p has a date on or after <paramref name="before"/> (null when the type has no date).</summary>
    private static Expression<Func<Person, bool>>? RecentRecordExists(AppDbContext db, IEntityType type, DateTimeOffset before)
    {
        var dates = DateProperties(type).ToList();
        if (dates.Count == 0) return null;
        var method = typeof(RetentionRunner).GetMethod(nameof(RecentOf), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type.ClrType);
        return (Expression<Func<Person, bool>>)method.Invoke(null, [db, dates, before])!;
    }

    private static Expression<Func<Person, bool>> RecentOf<T>(AppDbContext db, List<IProperty> dates, DateTimeOffset before) where T : class
    {
        var e = Expression.Parameter(typeof(T), "e");
        var day = DateOnly.FromDateTime(before.ToOffset(TimeSpan.Zero).Date);
        Expression? any = null;
        foreach (var p in dates)
        {
            var value = Expression.Call(typeof(EF), nameof(EF.Property), [p.ClrType], e, Expression.Constant(p.Name));
            var bound = p.ClrType == typeof(DateTimeOffset) || p.ClrType == typeof(DateTimeOffset?)
                ? Expression.Constant(before, p.ClrType) : Expression.Constant(day, p.ClrType);
            var clause = Expression.GreaterThanOrEqual(value, bound);
            any = any is null ? clause : Expression.OrElse(any, clause);
        }
        var recent = Expression.Lambda<Func<T, bool>>(any!, e);
        var set = db.Set<T>().Where(recent);
        return p => set.Any(x => EF.Property<Guid?>(x, "PersonId") == p.Id);
    }

    private static async Task<List<object>> LoadAsync(AppDbContext db, IEntityType type, string property, List<Guid> ids, CancellationToken ct)
    {
        var method = typeof(RetentionRunner).GetMethod(nameof(LoadTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!.MakeGenericMethod(type.ClrType);
        return await (Task<List<object>>)method.Invoke(null, [db, property, ids, ct])!;
    }

    private static async Task<List<object>> LoadTypedAsync<T>(AppDbContext db, string property, List<Guid> ids, CancellationToken ct) where T : class
    {
        var nullableIds = ids.Select(i => (Guid?)i).ToList();
        return (await db.Set<T>().Where(e => nullableIds.Contains(EF.Property<Guid?>(e, property))).ToListAsync(ct)).Cast<object>().ToList();
    }
}
