using System.Linq.Expressions;
using OpenCcas.Domain.People;

namespace OpenCcas.Domain.Platform;

/// <summary>A role held by the acting user, optionally limited to a site or a team.</summary>
public sealed record RoleGrant(Role Role, Guid? SiteId = null, Guid? TeamId = null);

/// <summary>Who is acting: the user, their organisation, their roles and their teams.</summary>
public sealed class Actor(Guid userId, Guid organisationId, IEnumerable<RoleGrant> grants, IEnumerable<Guid>? teamIds = null)
{
    public Guid UserId { get; } = userId;
    public Guid OrganisationId { get; } = organisationId;
    public IReadOnlyList<RoleGrant> Grants { get; } = grants.ToList();
    public IReadOnlySet<Guid> TeamIds { get; } = (teamIds ?? []).ToHashSet();
    /// <summary>The same teams as a list: what a query predicate sends as one parameter.</summary>
    public IReadOnlyList<Guid> TeamIdList { get; } = (teamIds ?? []).Distinct().ToList();

    public bool Has(Role role) => Grants.Any(g => g.Role == role);
    public IEnumerable<Role> Roles => Grants.Select(g => g.Role).Distinct();
}

/// <summary>Actions that do not depend on a particular record.</summary>
public enum Permission
{
    ManageOrganisation,
    ManageSites,
    ManageTeams,
    ManageUsers,
    ManageRetention,
    ManageRulebooks,
    ReadAuditLog,
    ReadPersonAccessLog,
    ViewStatistics,
    ExportPersonalData,
    SearchPeople,
    CreatePerson,
    ManageAppointments,
    RecordReception,
    InstructAidRequest,
    InstructLegalAid,
    InstructDomiciliation,
    HandleDomiciliationMail,
    PrintAttestation,
    CloseCommissionSession,
    CorrectDecision,
    ViewCommissionAgenda,
    VoteInCommission,
    ViewAssignedCallLists,
    RecordCallOutcome,
    ManageOwnApiTokens,
    MergePeople,
    ReviewRetention,
    ManageReceptionSettings,
    ManagePartners,
    ManageCollectiveActions,
    RecordDigitalHelp,
    ViewPartners,
    ViewOwnActions,
}

/// <summary>The parts of a person file, from the least to the most sensitive.</summary>
public enum FilePart
{
    /// <summary>Identity and contact details.</summary>
    Identity,
    /// <summary>Household composition and its history.</summary>
    Household,
    /// <summary>Resources, charges and aid details.</summary>
    Resources,
    /// <summary>Interviews, notes, action plans.</summary>
    Social,
    /// <summary>Health (GIR, disability, illness), violence, justice.</summary>
    Sensitive,
}

public enum NoteConfidentiality { Private, Team, File }

/// <summary>What the rules need to know about a person file: where it is followed and by whom.</summary>
public sealed record FileScope(Guid OrganisationId, Guid? SiteId, IReadOnlyCollection<Guid> TeamIds, Guid? ReferentId);

/// <summary>What the rules need to know about a note.</summary>
/// <summary>What the rules need to know about a note; a sensitive one (health, violence, justice) also needs the sensitive part.</summary>
public sealed record NoteScope(FileScope File, Guid AuthorId, NoteConfidentiality Confidentiality, bool Sensitive = false);

/// <summary>
/// The one place that decides who may do what (reference/roles-and-access.md). Pages, API, exports, search and
/// statistics all ask it; nothing else grants access.
/// </summary>
public static class AccessRules
{
    private static readonly Dictionary<Permission, Role[]> ByPermission = new()
    {
        [Permission.ManageOrganisation] = [Role.Admin],
        [Permission.ManageSites] = [Role.Admin],
        [Permission.ManageTeams] = [Role.Admin],
        [Permission.ManageUsers] = [Role.Admin],
        [Permission.ManageRetention] = [Role.Admin],
        [Permission.ManageRulebooks] = [Role.Admin],
        [Permission.ReadAuditLog] = [Role.Admin],
        [Permission.ReadPersonAccessLog] = [Role.Manager],
        [Permission.ViewStatistics] = [Role.Manager, Role.StatsReader],
        [Permission.ExportPersonalData] = [Role.Manager],
        [Permission.SearchPeople] = [Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception],
        [Permission.CreatePerson] = [Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception],
        [Permission.ManageAppointments] = [Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception],
        [Permission.RecordReception] = [Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception],
        [Permission.InstructAidRequest] = [Role.Manager, Role.SocialWorker, Role.Instructor],
        [Permission.InstructLegalAid] = [Role.Manager, Role.Instructor],
        [Permission.InstructDomiciliation] = [Role.Manager, Role.Instructor],
        [Permission.HandleDomiciliationMail] = [Role.Manager, Role.Instructor, Role.Reception],
        [Permission.PrintAttestation] = [Role.Manager, Role.Instructor, Role.Reception],
        [Permission.CloseCommissionSession] = [Role.Manager],
        [Permission.CorrectDecision] = [Role.Manager],
        [Permission.ViewCommissionAgenda] = [Role.Manager, Role.CommissionMember],
        [Permission.VoteInCommission] = [Role.CommissionMember],
        [Permission.ViewAssignedCallLists] = [Role.Manager, Role.Volunteer],
        [Permission.RecordCallOutcome] = [Role.Manager, Role.Volunteer],
        [Permission.MergePeople] = [Role.Manager],
        [Permission.ReviewRetention] = [Role.Manager],
        [Permission.ManageReceptionSettings] = [Role.Admin, Role.Manager],
        [Permission.ManagePartners] = [Role.Admin, Role.Manager, Role.SocialWorker],
        [Permission.ManageCollectiveActions] = [Role.Manager, Role.SocialWorker],
        [Permission.RecordDigitalHelp] = [Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception],
        [Permission.ViewPartners] = [Role.Admin, Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception],
        [Permission.ViewOwnActions] = [Role.Manager, Role.SocialWorker, Role.Instructor],
        [Permission.ManageOwnApiTokens] =
            [Role.Admin, Role.Manager, Role.SocialWorker, Role.Instructor, Role.Reception, Role.StatsReader],
    };

    /// <summary>The parts of a file each role may open, when the file is within the role's reach.</summary>
    private static readonly Dictionary<Role, FilePart[]> PartsByRole = new()
    {
        [Role.Manager] = [FilePart.Identity, FilePart.Household, FilePart.Resources, FilePart.Social, FilePart.Sensitive],
        [Role.SocialWorker] = [FilePart.Identity, FilePart.Household, FilePart.Resources, FilePart.Social, FilePart.Sensitive],
        [Role.Instructor] = [FilePart.Identity, FilePart.Household, FilePart.Resources],
        [Role.Reception] = [FilePart.Identity],
    };

    public static bool Can(Actor actor, Permission permission) =>
        ByPermission.TryGetValue(permission, out var roles) && actor.Grants.Any(g => roles.Contains(g.Role));

    /// <summary>May the actor open this part of this person file?</summary>
    public static bool CanOpen(Actor actor, FileScope file, FilePart part)
    {
        if (file.OrganisationId != actor.OrganisationId) return false;
        return actor.Grants.Any(g =>
            PartsByRole.TryGetValue(g.Role, out var parts) && parts.Contains(part) && Reaches(actor, g, file));
    }

    /// <summary>
    /// The same rule as <see cref="CanOpen"/> as a query predicate, so that lists and search return only the files the
    /// actor may open (in the organisation the query filters already restrict to). Tested against CanOpen.
    /// </summary>
    public static Expression<Func<Person, bool>> OpenableFiles(Actor actor, FilePart part)
    {
        var p = Expression.Parameter(typeof(Person), "p");
        Expression? any = null;
        foreach (var g in actor.Grants.Where(g => PartsByRole.TryGetValue(g.Role, out var parts) && parts.Contains(part)))
        {
            Expression clause = Expression.Constant(true);
            if (g.SiteId is { } site)
                clause = Expression.AndAlso(clause, Lambda<Person>(x => x.SiteId == site, p));
            if (g.TeamId is { } team)
                clause = Expression.AndAlso(clause, Lambda<Person>(x => x.Teams.Any(t => t.TeamId == team) || x.ReferentId == actor.UserId, p));
            if (g.Role == Role.SocialWorker)
            {
                clause = Expression.AndAlso(clause, Lambda<Person>(x => x.ReferentId == actor.UserId || x.Teams.Any(t => actor.TeamIdList.Contains(t.TeamId)), p));
            }
            any = any is null ? clause : Expression.OrElse(any, clause);
        }
        return Expression.Lambda<Func<Person, bool>>(any ?? Expression.Constant(false), p);
    }

    /// <summary>
    /// Whether the actor may open this part of every file of their organisation: a grant giving the part with no site or
    /// team limit and no referent rule. <see cref="OpenableFiles"/> is then true for every file.
    /// </summary>
    public static bool OpensEveryFile(Actor actor, FilePart part) => actor.Grants.Any(g =>
        PartsByRole.TryGetValue(g.Role, out var parts) && parts.Contains(part) && g.SiteId is null && g.TeamId is null && g.Role != Role.SocialWorker);

    /// <summary>The body of a lambda, with its parameter replaced by <paramref name="p"/>.</summary>
    private static Expression Lambda<T>(Expression<Func<T, bool>> lambda, ParameterExpression p) =>
        new Rebind(lambda.Parameters[0], p).Visit(lambda.Body);

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>The scope of a person file, for <see cref="CanOpen"/>.</summary>
    public static FileScope ScopeOf(Person person) =>
        new(person.OrganisationId, person.SiteId, person.Teams.Select(t => t.TeamId).ToList(), person.ReferentId);

    /// <summary>May the actor read this note? Private notes are readable by their author only, whatever the roles.</summary>
    public static bool CanRead(Actor actor, NoteScope note)
    {
        if (note.File.OrganisationId != actor.OrganisationId) return false;
        if (note.Confidentiality == NoteConfidentiality.Private) return note.AuthorId == actor.UserId;
        if (note.AuthorId == actor.UserId) return true;
        if (!CanOpen(actor, note.File, FilePart.Social)) return false;
        if (note.Sensitive && !CanOpen(actor, note.File, FilePart.Sensitive)) return false;
        return note.Confidentiality switch
        {
            NoteConfidentiality.File => true,
            // Team notes: the social workers of the file's teams and the file's referent; a manager too.
            NoteConfidentiality.Team => actor.Has(Role.Manager)
                || note.File.ReferentId == actor.UserId
                || (actor.Has(Role.SocialWorker) && note.File.TeamIds.Any(actor.TeamIds.Contains)),
            _ => false,
        };
    }

    /// <summary>May the actor write a note on this file (any social role that can open its social part)?</summary>
    public static bool CanWriteNote(Actor actor, FileScope file) => CanOpen(actor, file, FilePart.Social);

    /// <summary>Whether a grant reaches a file: its site limit, its team limit, and for social workers the teams/referent rule.</summary>
    private static bool Reaches(Actor actor, RoleGrant grant, FileScope file)
    {
        if (grant.SiteId is { } site && file.SiteId != site) return false;
        if (grant.TeamId is { } team && !file.TeamIds.Contains(team) && file.ReferentId != actor.UserId) return false;
        return grant.Role switch
        {
            Role.SocialWorker => file.ReferentId == actor.UserId || file.TeamIds.Any(actor.TeamIds.Contains),
            _ => true,
        };
    }

    /// <summary>
    /// The sites whose statistics the actor may read: null for the whole organisation (a statistics grant without a
    /// site limit), else the sites of their site-limited grants.
    /// </summary>
    public static IReadOnlySet<Guid>? StatisticsSites(Actor actor)
    {
        var grants = actor.Grants.Where(g => ByPermission[Permission.ViewStatistics].Contains(g.Role)).ToList();
        if (grants.Count == 0) return new HashSet<Guid>();
        return grants.Any(g => g.SiteId is null) ? null : grants.Select(g => g.SiteId!.Value).ToHashSet();
    }

    /// <summary>Statistics cells under this count are masked for readers who may not see people.</summary>
    public const int SmallCellThreshold = 5;

    public static bool MustMaskSmallCells(Actor actor) => !actor.Has(Role.Manager) && actor.Has(Role.StatsReader);
}
