using System.Collections;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Common;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.People.Rights;

/// <summary>One kind of record held about the person, with its rows (property → value).</summary>
public sealed record DataSection(string Type, string Title, List<Dictionary<string, object?>> Rows, string? Note = null);

/// <summary>Everything held about a person (right of access, GDPR art. 15).</summary>
public sealed record PersonData(string Organisation, DateTimeOffset GeneratedAt, Guid PersonId, string DisplayName,
    Dictionary<string, object?> Person, List<DataSection> Sections, List<Dictionary<string, object?>> AccessLog);

/// <summary>
/// Gathers everything the organisation holds about one person, discovering the records generically: every entity
/// type with a <c>PersonId</c> property (so that modules added later are included without change), the records
/// that depend on those (plan goals and actions, reminders...), and the records they refer to that describe the
/// person's situation (household, collective session, partner, reason). Platform records (sites, teams, accounts)
/// are named, not exported. The access log of the file comes from the audit log.
/// <para>
/// Private notes: the right of access covers notes written about the person, private ones included; but in this
/// application a private note is readable by its author only, not even by a manager (roles-and-access.md), and the
/// export is made by a manager. So a private note of another author is listed (date, author, that it exists) with
/// its text withheld and marked for its author to communicate; the manager's own private notes and every note the
/// manager may read are exported in full. Nothing is silently left out.
/// </para>
/// </summary>
public static class PersonDataExport
{
    private static readonly Dictionary<string, string> Titles = new()
    {
        ["PersonTeam"] = "Équipes qui vous suivent",
        ["PersonIncome"] = "Ressources",
        ["PersonCharge"] = "Charges",
        ["PersonConsent"] = "Consentements",
        ["PersonDocument"] = "Documents (liste)",
        ["HouseholdMember"] = "Appartenance à un ménage (historique)",
        ["Household"] = "Ménages",
        ["ReceptionVisit"] = "Passages et contacts à l'accueil",
        ["ReceptionReason"] = "Motifs de contact",
        ["Appointment"] = "Rendez-vous",
        ["AppointmentReminder"] = "Rappels de rendez-vous envoyés",
        ["Interview"] = "Entretiens",
        ["Note"] = "Notes",
        ["FollowUpAction"] = "Actions de suivi",
        ["Referral"] = "Orientations vers des partenaires",
        ["Partner"] = "Partenaires",
        ["ActionPlan"] = "Plans d'action",
        ["PlanGoal"] = "Objectifs des plans d'action",
        ["PlanAction"] = "Actions des plans",
        ["CollectiveParticipant"] = "Participations à des actions collectives",
        ["CollectiveSession"] = "Actions collectives",
        ["OnlineProcedure"] = "Démarches en ligne",
    };

    /// <summary>Records that are named in the export but not exported themselves (they describe the organisation, not the person).</summary>
    private static readonly HashSet<string> Platform = ["Person", "Site", "Team", "TeamMember", "RoleAssignment", "ApiToken", "AppUser", "Organisation", "AuditEntry", "AuditChainHead", "DocumentContent"];

    public static string TitleOf(string type) => Titles.GetValueOrDefault(type) ?? AuditLabels.Of(type);

    /// <summary>The entity types holding a PersonId: the person-linked records, whatever module declares them.</summary>
    public static IEnumerable<IEntityType> PersonLinkedTypes(AppDbContext db) =>
        db.Model.GetEntityTypes().Where(t => !t.IsOwned() && t.ClrType != typeof(Person) && !t.HasSharedClrType
            && t.FindProperty("PersonId") is { } p && (p.ClrType == typeof(Guid) || p.ClrType == typeof(Guid?)))
            .OrderBy(t => t.ClrType.Name);

    public static async Task<PersonData?> CollectAsync(AppDbContext db, Actor actor, Guid personId, CancellationToken ct = default)
    {
        var person = await db.Set<Person>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == personId, ct);
        if (person is null) return null;
        var organisation = await db.Organisations.AsNoTracking().Select(o => o.Name).FirstAsync(ct);
        var users = await db.Users.AsNoTracking().Select(u => new { u.Id, Name = u.FirstName + " " + u.LastName }).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var sites = await db.Sites.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);
        var teams = await db.Teams.AsNoTracking().ToDictionaryAsync(s => s.Id, s => s.Name, ct);

        var rowsByType = new Dictionary<IEntityType, List<object>>();
        foreach (var type in PersonLinkedTypes(db))
            rowsByType[type] = await LoadAsync(db, type, "PersonId", [personId], ct);
        // Records depending on those (goals of a plan, actions of a goal, reminders of an appointment), then the records
        // they refer to (household, session, partner, reason), two levels down.
        for (var depth = 0; depth < 2; depth++)
        {
            foreach (var (type, rows) in rowsByType.ToList())
            {
                if (rows.Count == 0) continue;
                var keys = rows.Select(r => type.FindPrimaryKey()!.Properties[0].PropertyInfo!.GetValue(r)).OfType<Guid>().ToList();
                foreach (var fk in type.GetReferencingForeignKeys().Where(fk => fk.Properties.Count == 1 && !rowsByType.ContainsKey(fk.DeclaringEntityType)
                             && !Platform.Contains(fk.DeclaringEntityType.ClrType.Name)))
                    rowsByType[fk.DeclaringEntityType] = await LoadAsync(db, fk.DeclaringEntityType, fk.Properties[0].Name, keys, ct);
            }
        }
        foreach (var (type, rows) in rowsByType.ToList())
        {
            if (rows.Count == 0) continue;
            foreach (var fk in type.GetForeignKeys().Where(fk => fk.Properties.Count == 1 && !rowsByType.ContainsKey(fk.PrincipalEntityType)
                         && !Platform.Contains(fk.PrincipalEntityType.ClrType.Name)))
            {
                var ids = rows.Select(r => fk.Properties[0].PropertyInfo?.GetValue(r)).OfType<Guid>().Distinct().ToList();
                if (ids.Count == 0) continue;
                var key = fk.PrincipalKey.Properties[0].Name;
                rowsByType[fk.PrincipalEntityType] = await LoadAsync(db, fk.PrincipalEntityType, key, ids, ct);
            }
        }

        var scope = AccessRules.ScopeOf(await db.Set<Person>().AsNoTracking().Include(p => p.Teams).FirstAsync(p => p.Id == personId, ct));
        var sections = new List<DataSection>();
        foreach (var (type, rows) in rowsByType.OrderBy(x => SectionOrder(x.Key.ClrType.Name)).ThenBy(x => x.Key.ClrType.Name))
        {
            var name = type.ClrType.Name;
            string? note = null;
            var dicts = new List<Dictionary<string, object?>>();
            foreach (var row in rows)
            {
                var d = Describe(type, row, users, sites, teams);
                if (row is Note n && !AccessRules.CanRead(actor, new NoteScope(scope, n.AuthorId, n.Confidentiality)))
                {
                    d["Text"] = null;
                    d["TextWithheld"] = "Note privée de son auteur : son contenu vous est communiqué par celui-ci, sur demande.";
                    note = "Les notes privées d'un agent ne sont lisibles que par leur auteur : leur existence est indiquée ici, leur texte est communiqué par leur auteur.";
                }
                dicts.Add(d);
            }
            sections.Add(new DataSection(name, TitleOf(name), dicts, note));
        }

        var log = await db.AuditEntries.AsNoTracking()
            .Where(e => e.EntityType == nameof(Person) && e.EntityId == personId.ToString())
            .OrderBy(e => e.Sequence)
            .Select(e => new { e.At, e.UserName, e.Action, e.Details })
            .ToListAsync(ct);
        var accessLog = log.Select(e => new Dictionary<string, object?>
        {
            ["At"] = e.At, ["By"] = e.UserName, ["Action"] = e.Action.ToString(),
            ["Details"] = e.Action is AuditAction.Create or AuditAction.Update or AuditAction.Delete ? null : e.Details,
        }).ToList();

        var personType = db.Model.FindEntityType(typeof(Person))!;
        return new PersonData(organisation, DateTimeOffset.UtcNow, personId, person.DisplayName,
            Describe(personType, person, users, sites, teams), sections, accessLog);
    }

    private static int SectionOrder(string type) => Titles.Keys.ToList().IndexOf(type) is var i and >= 0 ? i : 1000;

    private static async Task<List<object>> LoadAsync(AppDbContext db, IEntityType type, string property, List<Guid> ids, CancellationToken ct)
    {
        var method = typeof(PersonDataExport).GetMethod(nameof(LoadTypedAsync), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type.ClrType);
        var nullable = type.FindProperty(property)!.ClrType == typeof(Guid?);
        return await (Task<List<object>>)method.Invoke(null, [db, property, ids, nullable, ct])!;
    }

    private static async Task<List<object>> LoadTypedAsync<T>(AppDbContext db, string property, List<Guid> ids, bool nullable, CancellationToken ct) where T : class
    {
        var query = db.Set<T>().AsNoTracking();
        if (nullable)
        {
            var nullableIds = ids.Select(i => (Guid?)i).ToList();
            query = query.Where(e => nullableIds.Contains(EF.Property<Guid?>(e, property)));
        }
        else query = query.Where(e => ids.Contains(EF.Property<Guid>(e, property)));
        return (await query.ToListAsync(ct)).Cast<object>().ToList();
    }

    /// <summary>The scalar properties of a row; ids of agents, sites and teams are named beside them.</summary>
    private static Dictionary<string, object?> Describe(IEntityType type, object row, Dictionary<Guid, string> users,
        Dictionary<Guid, string> sites, Dictionary<Guid, string> teams)
    {
        var d = new Dictionary<string, object?>();
        foreach (var p in type.GetProperties().Where(p => p.PropertyInfo is not null))
        {
            if (p.Name is nameof(ITenantOwned.OrganisationId) or nameof(IVersioned.Version) or "SearchName") continue;
            var value = p.PropertyInfo!.GetValue(row);
            if (value is byte[] or IEnumerable and not string) continue;
            d[p.Name] = value is Enum e ? e.ToString() : value;
            if (value is Guid g)
            {
                if (p.Name == "SiteId" && sites.TryGetValue(g, out var site)) d["Site"] = site;
                else if (p.Name == "TeamId" && teams.TryGetValue(g, out var team)) d["Team"] = team;
                else if (p.Name is not ("Id" or "PersonId") && p.Name.EndsWith("Id") && users.TryGetValue(g, out var user)) d[p.Name[..^2]] = user;
            }
        }
        return d;
    }
}
