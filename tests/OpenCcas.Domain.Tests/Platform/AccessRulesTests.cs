using OpenCcas.Domain.Platform;
using Shouldly;
using Xunit;
using static OpenCcas.Domain.Platform.Permission;
using static OpenCcas.Domain.Platform.Role;

namespace OpenCcas.Domain.Tests.Platform;

/// <summary>The permission matrix of reference/roles-and-access.md, written out by hand: AccessRules must match it.</summary>
public sealed class AccessRulesTests
{
    // Role order of the columns: Admin, Manager, SocialWorker, Instructor, Reception, CommissionMember, Volunteer, StatsReader.
    private static readonly Role[] Columns = [Admin, Manager, SocialWorker, Instructor, Role.Reception, CommissionMember, Volunteer, StatsReader];

    private static readonly Dictionary<Permission, string> Expected = new()
    {
        //                                 A  M  S  I  R  C  V  St
        [ManageOrganisation] =            "1  0  0  0  0  0  0  0",
        [ManageSites] =                   "1  0  0  0  0  0  0  0",
        [ManageTeams] =                   "1  0  0  0  0  0  0  0",
        [ManageUsers] =                   "1  0  0  0  0  0  0  0",
        [ManageRetention] =               "1  0  0  0  0  0  0  0",
        [ManageRulebooks] =               "1  0  0  0  0  0  0  0",
        [ReadAuditLog] =                  "1  0  0  0  0  0  0  0",
        [ReadPersonAccessLog] =           "0  1  0  0  0  0  0  0",
        [ViewStatistics] =                "0  1  0  0  0  0  0  1",
        [ExportPersonalData] =            "0  1  0  0  0  0  0  0",
        [SearchPeople] =                  "0  1  1  1  1  0  0  0",
        [CreatePerson] =                  "0  1  1  1  1  0  0  0",
        [ManageAppointments] =            "0  1  1  1  1  0  0  0",
        [RecordReception] =               "0  1  1  1  1  0  0  0",
        [InstructAidRequest] =            "0  1  1  1  0  0  0  0",
        [InstructLegalAid] =              "0  1  0  1  0  0  0  0",
        [InstructDomiciliation] =         "0  1  0  1  0  0  0  0",
        [HandleDomiciliationMail] =       "0  1  0  1  1  0  0  0",
        [PrintAttestation] =              "0  1  0  1  1  0  0  0",
        [CloseCommissionSession] =        "0  1  0  0  0  0  0  0",
        [CorrectDecision] =               "0  1  0  0  0  0  0  0",
        [ViewCommissionAgenda] =          "0  1  0  0  0  1  0  0",
        [VoteInCommission] =              "0  0  0  0  0  1  0  0",
        [ViewAssignedCallLists] =         "0  1  0  0  0  0  1  0",
        [RecordCallOutcome] =             "0  1  0  0  0  0  1  0",
        [ManageOwnApiTokens] =            "1  1  1  1  1  0  0  1",
        [MergePeople] =                   "0  1  0  0  0  0  0  0",
        [ReviewRetention] =               "0  1  0  0  0  0  0  0",
        [ManageReceptionSettings] =       "1  1  0  0  0  0  0  0",
        [ManagePartners] =                "1  1  1  0  0  0  0  0",
        [ManageCollectiveActions] =       "0  1  1  0  0  0  0  0",
        [RecordDigitalHelp] =             "0  1  1  1  1  0  0  0",
        [ViewPartners] =                  "1  1  1  1  1  0  0  0",
        [ViewOwnActions] =                "0  1  1  1  0  0  0  0",
    };

    private static readonly Guid Org = Guid.NewGuid();
    private static readonly Guid OtherOrg = Guid.NewGuid();
    private static readonly Guid TeamA = Guid.NewGuid();
    private static readonly Guid TeamB = Guid.NewGuid();
    private static readonly Guid Site1 = Guid.NewGuid();
    private static readonly Guid Site2 = Guid.NewGuid();

    private static Actor Of(Role role, Guid? org = null, Guid[]? teams = null, Guid? site = null, Guid? userId = null) =>
        new(userId ?? Guid.NewGuid(), org ?? Org, [new RoleGrant(role, site)], teams);

    [Fact]
    public void Every_permission_has_an_expected_row()
    {
        Enum.GetValues<Permission>().Except(Expected.Keys).ShouldBeEmpty("a new permission needs its row in this matrix (from roles-and-access.md)");
    }

    public static TheoryData<Permission> Permissions() => new(Expected.Keys);

    [Theory]
    [MemberData(nameof(Permissions))]
    public void Permission_matrix_matches_the_reference(Permission permission)
    {
        var cells = Expected[permission].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        cells.Length.ShouldBe(Columns.Length);
        for (var i = 0; i < Columns.Length; i++)
            AccessRules.Can(Of(Columns[i]), permission).ShouldBe(cells[i] == "1", $"{Columns[i]} × {permission}");
    }

    [Fact]
    public void No_role_means_no_permission()
    {
        var nobody = new Actor(Guid.NewGuid(), Org, []);
        foreach (var p in Enum.GetValues<Permission>()) AccessRules.Can(nobody, p).ShouldBeFalse(p.ToString());
    }

    [Fact]
    public void Several_roles_add_up()
    {
        var both = new Actor(Guid.NewGuid(), Org, [new RoleGrant(Role.Reception), new RoleGrant(StatsReader)]);
        AccessRules.Can(both, PrintAttestation).ShouldBeTrue();
        AccessRules.Can(both, ViewStatistics).ShouldBeTrue();
        AccessRules.Can(both, ManageUsers).ShouldBeFalse();
    }

    private static FileScope File(Guid? site = null, Guid[]? teams = null, Guid? referent = null, Guid? org = null) =>
        new(org ?? Org, site ?? Site1, teams ?? [TeamA], referent);

    [Theory]
    [InlineData(Manager, new[] { FilePart.Identity, FilePart.Household, FilePart.Resources, FilePart.Social, FilePart.Sensitive })]
    [InlineData(Instructor, new[] { FilePart.Identity, FilePart.Household, FilePart.Resources })]
    [InlineData(Role.Reception, new[] { FilePart.Identity })]
    [InlineData(Admin, new FilePart[0])]
    [InlineData(CommissionMember, new FilePart[0])]
    [InlineData(Volunteer, new FilePart[0])]
    [InlineData(StatsReader, new FilePart[0])]
    public void File_parts_each_role_may_open(Role role, FilePart[] allowed)
    {
        var actor = Of(role);
        foreach (var part in Enum.GetValues<FilePart>())
            AccessRules.CanOpen(actor, File(), part).ShouldBe(allowed.Contains(part), $"{role} × {part}");
    }

    [Fact]
    public void Social_worker_opens_files_of_their_teams_or_that_they_refer_only()
    {
        var me = Guid.NewGuid();
        var worker = Of(SocialWorker, teams: [TeamA], userId: me);
        AccessRules.CanOpen(worker, File(teams: [TeamA]), FilePart.Social).ShouldBeTrue();
        AccessRules.CanOpen(worker, File(teams: [TeamA]), FilePart.Sensitive).ShouldBeTrue();
        AccessRules.CanOpen(worker, File(teams: [TeamB]), FilePart.Identity).ShouldBeFalse("outside their teams");
        AccessRules.CanOpen(worker, File(teams: [], referent: null), FilePart.Identity).ShouldBeFalse();
        AccessRules.CanOpen(worker, File(teams: [TeamB], referent: me), FilePart.Social).ShouldBeTrue("they are the referent");
    }

    [Fact]
    public void Site_limited_grant_reaches_files_of_that_site_only()
    {
        var reception = Of(Role.Reception, site: Site1);
        AccessRules.CanOpen(reception, File(site: Site1), FilePart.Identity).ShouldBeTrue();
        AccessRules.CanOpen(reception, File(site: Site2), FilePart.Identity).ShouldBeFalse();
        var manager = Of(Manager, site: Site2);
        AccessRules.CanOpen(manager, File(site: Site1), FilePart.Identity).ShouldBeFalse();
        AccessRules.CanOpen(manager, File(site: Site2), FilePart.Social).ShouldBeTrue();
    }

    [Fact]
    public void Nothing_of_another_organisation_is_reachable()
    {
        var me = Guid.NewGuid();
        foreach (var role in Enum.GetValues<Role>())
        {
            var actor = Of(role, teams: [TeamA], userId: me);
            foreach (var part in Enum.GetValues<FilePart>())
                AccessRules.CanOpen(actor, File(org: OtherOrg, referent: me), part).ShouldBeFalse($"{role} × {part}");
            foreach (var c in Enum.GetValues<NoteConfidentiality>())
                AccessRules.CanRead(actor, new NoteScope(File(org: OtherOrg, referent: me), me, c)).ShouldBeFalse($"{role} × {c} note of their own in another organisation");
        }
    }

    [Fact]
    public void Private_note_is_readable_by_its_author_only_not_even_a_manager()
    {
        var author = Guid.NewGuid();
        var note = new NoteScope(File(teams: [TeamA]), author, NoteConfidentiality.Private);
        AccessRules.CanRead(Of(SocialWorker, teams: [TeamA], userId: author), note).ShouldBeTrue();
        AccessRules.CanRead(Of(Manager), note).ShouldBeFalse("not even a manager");
        AccessRules.CanRead(Of(SocialWorker, teams: [TeamA]), note).ShouldBeFalse("not a colleague of the same team");
        var referent = Of(SocialWorker, teams: [TeamA]);
        AccessRules.CanRead(referent, note with { File = File(teams: [TeamA], referent: referent.UserId) }).ShouldBeFalse("not the referent");
        var allRoles = new Actor(Guid.NewGuid(), Org, Enum.GetValues<Role>().Select(r => new RoleGrant(r)), [TeamA]);
        AccessRules.CanRead(allRoles, note).ShouldBeFalse("not someone holding every role");
    }

    [Fact]
    public void Team_note_is_readable_by_the_teams_social_workers_the_referent_and_managers()
    {
        var author = Guid.NewGuid();
        var referent = Guid.NewGuid();
        var note = new NoteScope(File(teams: [TeamA], referent: referent), author, NoteConfidentiality.Team);
        AccessRules.CanRead(Of(SocialWorker, teams: [TeamA]), note).ShouldBeTrue("social worker of the file's team");
        AccessRules.CanRead(Of(SocialWorker, teams: [TeamB], userId: referent), note).ShouldBeTrue("the file's referent");
        AccessRules.CanRead(Of(SocialWorker, teams: [TeamB]), note).ShouldBeFalse("social worker outside the team");
        AccessRules.CanRead(Of(Manager), note).ShouldBeTrue();
        AccessRules.CanRead(Of(Instructor, teams: [TeamA]), note).ShouldBeFalse("no social notes for instructors");
        AccessRules.CanRead(Of(Role.Reception, teams: [TeamA]), note).ShouldBeFalse();
        AccessRules.CanRead(Of(Admin), note).ShouldBeFalse("an administrator does not read social notes");
    }

    [Fact]
    public void File_note_is_readable_by_whoever_opens_the_social_part()
    {
        var note = new NoteScope(File(teams: [TeamA]), Guid.NewGuid(), NoteConfidentiality.File);
        AccessRules.CanRead(Of(SocialWorker, teams: [TeamA]), note).ShouldBeTrue();
        AccessRules.CanRead(Of(Manager), note).ShouldBeTrue();
        AccessRules.CanRead(Of(SocialWorker, teams: [TeamB]), note).ShouldBeFalse();
        AccessRules.CanRead(Of(Instructor), note).ShouldBeFalse();
        AccessRules.CanRead(Of(StatsReader), note).ShouldBeFalse();
        AccessRules.CanRead(Of(Manager, site: Site2), note).ShouldBeFalse("site-limited manager, file on another site");
    }

    [Fact]
    public void Only_social_roles_write_notes()
    {
        AccessRules.CanWriteNote(Of(SocialWorker, teams: [TeamA]), File()).ShouldBeTrue();
        AccessRules.CanWriteNote(Of(Manager), File()).ShouldBeTrue();
        foreach (var role in new[] { Admin, Instructor, Role.Reception, CommissionMember, Volunteer, StatsReader })
            AccessRules.CanWriteNote(Of(role), File()).ShouldBeFalse(role.ToString());
    }

    [Fact]
    public void Small_cells_are_masked_for_statistics_readers_only()
    {
        AccessRules.MustMaskSmallCells(Of(StatsReader)).ShouldBeTrue();
        AccessRules.MustMaskSmallCells(Of(Manager)).ShouldBeFalse();
        AccessRules.MustMaskSmallCells(new Actor(Guid.NewGuid(), Org, [new RoleGrant(Manager), new RoleGrant(StatsReader)])).ShouldBeFalse();
    }
}
