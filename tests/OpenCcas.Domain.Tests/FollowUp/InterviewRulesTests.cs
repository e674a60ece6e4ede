using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Platform;
using Shouldly;
using Xunit;

namespace OpenCcas.Domain.Tests.FollowUp;

public sealed class InterviewRulesTests
{
    private static readonly Guid Org = Guid.NewGuid();
    private static readonly Guid Team1 = Guid.NewGuid();
    private static readonly Guid Team2 = Guid.NewGuid();
    private static readonly Guid Author = Guid.NewGuid();
    private static readonly FileScope File = new(Org, null, [Team1], null);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static Actor Of(Role role, Guid? id = null, params Guid[] teams) => new(id ?? Guid.NewGuid(), Org, [new RoleGrant(role)], teams);

    private static Note NoteOf(NoteConfidentiality level, bool sensitive = false) =>
        new() { PersonId = Guid.NewGuid(), AuthorId = Author, Confidentiality = level, Sensitive = sensitive, Text = "x" };

    [Fact]
    public void Interview_input_is_checked_with_french_messages()
    {
        InterviewRules.Check(Today, 30, InterviewMode.Office, Today).ShouldBeEmpty();
        InterviewRules.Check(Today.AddDays(1), 30, InterviewMode.Office, Today).ShouldHaveSingleItem().Message.ShouldBe("La date de l'entretien ne peut pas être dans le futur.");
        InterviewRules.Check(Today, 0, InterviewMode.Office, Today).ShouldHaveSingleItem().Field.ShouldBe("DurationMinutes");
        InterviewRules.Check(Today, 481, InterviewMode.Office, Today).ShouldHaveSingleItem().Field.ShouldBe("DurationMinutes");
        InterviewRules.Check(Today, 480, InterviewMode.Video, Today).ShouldBeEmpty();
        InterviewRules.Check(Today, 30, null, Today).ShouldHaveSingleItem().Message.ShouldBe("Choisissez le mode de l'entretien.");
        InterviewRules.Check(Today, 30, (InterviewMode)42, Today).ShouldHaveSingleItem().Field.ShouldBe("Mode");
        InterviewRules.Check(null, null, null, Today).Count().ShouldBe(3);
    }

    [Fact]
    public void Every_mode_subject_level_and_status_has_a_french_label()
    {
        InterviewRules.Label(InterviewMode.Home).ShouldBe("Visite à domicile");
        InterviewRules.Label(InterviewMode.Video).ShouldBe("Visio");
        InterviewRules.Subjects.Length.ShouldBe(Enum.GetValues<InterviewSubjects>().Length - 1);
        InterviewRules.Subjects.Select(InterviewRules.Label).ShouldBe(["Budget", "Logement", "Santé", "Emploi", "Accès aux droits", "Famille",
            "Isolement", "Numérique", "Alimentation", "Mobilité", "Justice", "Autre"]);
        InterviewRules.Label(InterviewSubjects.Budget | InterviewSubjects.Health).ShouldBe("Budget, Santé");
        foreach (var a in Enum.GetValues<ActionStatus>()) InterviewRules.Label(a).ShouldNotBe(a.ToString());
    }

    [Fact]
    public void A_private_note_is_read_by_its_author_only_and_a_sensitive_one_by_social_roles_only()
    {
        var author = Of(Role.SocialWorker, Author, Team1);
        var manager = Of(Role.Manager);
        var colleague = Of(Role.SocialWorker, null, Team1);
        var outsider = Of(Role.SocialWorker, null, Team2);
        InterviewRules.CanRead(author, File, NoteOf(NoteConfidentiality.Private)).ShouldBeTrue();
        InterviewRules.CanRead(manager, File, NoteOf(NoteConfidentiality.Private)).ShouldBeFalse();
        InterviewRules.CanRead(colleague, File, NoteOf(NoteConfidentiality.Team)).ShouldBeTrue();
        InterviewRules.CanRead(outsider, File, NoteOf(NoteConfidentiality.Team)).ShouldBeFalse();
        InterviewRules.CanRead(manager, File, NoteOf(NoteConfidentiality.File, sensitive: true)).ShouldBeTrue();
        foreach (var role in new[] { Role.Instructor, Role.Reception, Role.Volunteer, Role.Admin, Role.StatsReader, Role.CommissionMember })
            foreach (var level in Enum.GetValues<NoteConfidentiality>())
                InterviewRules.CanRead(Of(role, null, Team1), File, NoteOf(level)).ShouldBeFalse($"{role} {level}");
        // Only the author changes a note, not even a manager.
        InterviewRules.CanChange(author, File, NoteOf(NoteConfidentiality.File)).ShouldBeTrue();
        InterviewRules.CanChange(manager, File, NoteOf(NoteConfidentiality.File)).ShouldBeFalse();
    }

    [Fact]
    public void An_interview_is_changed_by_its_agent_or_a_manager()
    {
        var interview = new Interview { AgentId = Author };
        InterviewRules.CanChange(Of(Role.SocialWorker, Author, Team1), File, interview).ShouldBeTrue();
        InterviewRules.CanChange(Of(Role.Manager), File, interview).ShouldBeTrue();
        InterviewRules.CanChange(Of(Role.SocialWorker, null, Team1), File, interview).ShouldBeFalse();
        InterviewRules.CanChange(Of(Role.Instructor, Author, Team1), File, interview).ShouldBeFalse("the social part is out of an instructor's reach");
    }

    [Fact]
    public void An_open_action_past_its_due_date_is_overdue()
    {
        InterviewRules.IsOverdue(new FollowUpAction { Title = "a", DueOn = Today.AddDays(-1) }, Today).ShouldBeTrue();
        InterviewRules.IsOverdue(new FollowUpAction { Title = "a", DueOn = Today }, Today).ShouldBeFalse();
        InterviewRules.IsOverdue(new FollowUpAction { Title = "a", DueOn = Today.AddDays(-1), Status = ActionStatus.Done }, Today).ShouldBeFalse();
        InterviewRules.IsOverdue(new FollowUpAction { Title = "a" }, Today).ShouldBeFalse();
    }
}
