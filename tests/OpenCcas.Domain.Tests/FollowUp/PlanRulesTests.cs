using OpenCcas.Domain.FollowUp;
using Shouldly;
using Xunit;

namespace OpenCcas.Domain.Tests.FollowUp;

public sealed class PlanRulesTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);

    private static PlanAction Action(ActionStatus status, DateOnly? due = null) => new() { Title = "a", Status = status, DueOn = due };

    [Theory]
    [InlineData(ActionStatus.ToDo, -1, true)]
    [InlineData(ActionStatus.InProgress, -1, true)]
    [InlineData(ActionStatus.Done, -1, false)]
    [InlineData(ActionStatus.Cancelled, -1, false)]
    [InlineData(ActionStatus.ToDo, 0, false)]
    [InlineData(ActionStatus.ToDo, 1, false)]
    public void An_action_is_overdue_only_when_its_date_has_passed_and_it_is_still_to_do(ActionStatus status, int days, bool overdue) =>
        PlanRules.IsOverdue(Action(status, Today.AddDays(days)), Today).ShouldBe(overdue);

    [Fact]
    public void An_action_without_due_date_is_never_overdue() => PlanRules.IsOverdue(Action(ActionStatus.ToDo), Today).ShouldBeFalse();

    [Fact]
    public void Progress_counts_done_actions_and_leaves_cancelled_ones_out()
    {
        var plan = new ActionPlan { Title = "p" };
        plan.Goals.Add(new PlanGoal { Title = "g1", Actions = [Action(ActionStatus.Done), Action(ActionStatus.ToDo), Action(ActionStatus.Cancelled)] });
        plan.Goals.Add(new PlanGoal { Title = "g2", Actions = [Action(ActionStatus.Done)] });
        PlanRules.Progress(plan).ShouldBe((2, 3));
        PlanRules.Progress(plan.Goals[0].Actions).ShouldBe((1, 2));
        PlanRules.Progress(new ActionPlan { Title = "vide" }).ShouldBe((0, 0));
    }

    [Fact]
    public void Due_dates_and_start_are_checked_against_each_other()
    {
        var start = new DateOnly(2026, 9, 1);
        PlanRules.CheckDueDate(new DateOnly(2026, 8, 31), start).ShouldBe("L'échéance ne peut pas précéder le début du plan (01/09/2026).");
        PlanRules.CheckDueDate(start, start).ShouldBeNull();
        PlanRules.CheckDueDate(null, start).ShouldBeNull();
        var plan = new ActionPlan { Title = "p", StartedOn = start };
        plan.Goals.Add(new PlanGoal { Title = "g", Actions = [Action(ActionStatus.ToDo, new DateOnly(2026, 9, 10))] });
        PlanRules.CheckStart(new DateOnly(2026, 9, 10), plan).ShouldBeNull();
        PlanRules.CheckStart(new DateOnly(2026, 9, 11), plan)!.ShouldContain("10/09/2026");
    }

    [Fact]
    public void Collective_totals_count_distinct_people_and_every_participation()
    {
        var elodie = Guid.NewGuid();
        var lucas = Guid.NewGuid();
        var s1 = new CollectiveSession { Topic = "a", AnonymousParticipants = 3, Participants = [new() { PersonId = elodie }, new() { PersonId = lucas }] };
        var s2 = new CollectiveSession { Topic = "b", AnonymousParticipants = 0, Participants = [new() { PersonId = elodie }] };
        PlanRules.Totals([s1, s2]).ShouldBe((2, 2, 6, 3));
    }

    [Fact]
    public void Every_value_has_a_french_label()
    {
        foreach (var v in Enum.GetValues<PlanStatus>()) PlanRules.Label(v).ShouldNotBe(v.ToString());
        foreach (var v in Enum.GetValues<ActionStatus>()) PlanRules.Label(v).ShouldNotBe(v.ToString());
        foreach (var v in Enum.GetValues<PlanActionOwner>()) PlanRules.Label(v).ShouldNotBe(v.ToString());
        foreach (var v in Enum.GetValues<ProcedureHelp>()) PlanRules.Label(v).ShouldNotBe(v.ToString());
        Enum.GetValues<ProcedureOrganism>().Select(PlanRules.ShortLabel).Distinct().Count().ShouldBe(Enum.GetValues<ProcedureOrganism>().Length);
    }
}
