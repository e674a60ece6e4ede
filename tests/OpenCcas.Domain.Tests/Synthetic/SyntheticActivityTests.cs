using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Domain.Synthetic;
using Shouldly;
using Xunit;

namespace OpenCcas.Domain.Tests.Synthetic;

public sealed class SyntheticActivityTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    private sealed record City(List<SyntheticFile> Files, List<PersonRef> Refs, List<object> Activity, ActivityVolumes Volumes, SyntheticOrganisation Organisation);

    private static City Make(int seed, int people = 3000, double perPerson = 10)
    {
        var org = Guid.Parse("0190a000-0000-7000-8000-000000000001");
        var sites = new List<Site>
        {
            new() { Id = Guid.Parse("0190a000-0000-7000-8000-000000000011"), Name = "PAD 1", Kind = SiteKind.AccessToRightsPoint },
            new() { Id = Guid.Parse("0190a000-0000-7000-8000-000000000012"), Name = "PAD 2", Kind = SiteKind.AccessToRightsPoint },
            new() { Id = Guid.Parse("0190a000-0000-7000-8000-000000000013"), Name = "Seniors", Kind = SiteKind.SeniorsHouse },
        };
        var under = Guid.Parse("0190a000-0000-7000-8000-000000000021");
        var seniors = Guid.Parse("0190a000-0000-7000-8000-000000000022");
        var staff = Enumerable.Range(0, 12).Select(i => new StaffMember(
            Guid.Parse($"0190a000-0000-7000-8000-0000000001{i:00}"),
            i < 8 ? Role.SocialWorker : i < 11 ? Role.Reception : Role.Volunteer,
            i < 8 ? [i % 2 == 0 ? under : seniors] : [], i is >= 8 and < 11 ? sites[i % 2].Id : null)).ToList();
        var organisation = new SyntheticOrganisation(org, sites, under, seniors, staff);
        var generator = new SyntheticActivity(seed, Now, organisation);
        var partners = generator.Partners();
        var reasons = generator.ReceptionReasons();
        var refs = new List<PersonRef>();
        var files = new List<SyntheticFile>();
        var number = 1;
        foreach (var h in new SyntheticPopulation(seed, Today).Households(people)) files.Add(generator.File(h, ref number, refs));
        var volumes = ActivityVolumes.For(refs.Count, perPerson);
        var activity = generator.Activity(refs, partners.Select(p => p.Id).ToList(), reasons.Select(r => r.Id).ToList(), volumes).ToList();
        return new City(files, refs, activity, volumes, organisation);
    }

    [Fact]
    public void Same_seed_gives_the_same_rows_ids_included()
    {
        var a = Make(11, 800);
        var b = Make(11, 800);
        a.Refs.ShouldBe(b.Refs);
        a.Activity.Count.ShouldBe(b.Activity.Count);
        var appointmentsA = a.Activity.OfType<Appointment>().Select(x => (x.Id, x.PersonId, x.AgentId, x.Start, x.Mode, x.Status)).ToList();
        var appointmentsB = b.Activity.OfType<Appointment>().Select(x => (x.Id, x.PersonId, x.AgentId, x.Start, x.Mode, x.Status)).ToList();
        appointmentsA.ShouldBe(appointmentsB);
        a.Activity.OfType<Interview>().Select(x => x.Id).ShouldBe(b.Activity.OfType<Interview>().Select(x => x.Id));
        Make(12, 800).Activity.OfType<Appointment>().Select(x => x.Id).ShouldNotBe(appointmentsA.Select(x => x.Id));
    }

    [Fact]
    public void Proportions_follow_the_access_to_rights_points()
    {
        var city = Make(2026);
        var ages = city.Refs.ToDictionary(r => r.Id, r => r.Age);
        var appointments = city.Activity.OfType<Appointment>().ToList();
        var interviews = city.Activity.OfType<Interview>().ToList();

        // Volumes: 30 % appointments (plus two weeks to come), 20 % interviews, 50 % contacts of perPerson × people.
        ((double)appointments.Count(x => x.Start < Now)).ShouldBe(city.Volumes.Appointments, tolerance: city.Volumes.Appointments * 0.002 + 2);
        interviews.Count.ShouldBe(city.Volumes.Interviews);
        city.Activity.OfType<ReceptionVisit>().Count().ShouldBe(city.Volumes.ReceptionContacts);
        (appointments.Count + interviews.Count + city.Volumes.ReceptionContacts).ShouldBeInRange(city.Refs.Count * 10 - 10, city.Refs.Count * 10 + city.Volumes.Appointments / 20);

        // 23 % of appointments by phone.
        ((double)appointments.Count(x => x.Mode == AppointmentMode.Phone) / appointments.Count).ShouldBe(0.23, tolerance: 0.02);
        // 44 % of appointments for people 62 and over (3,664 of 8,368).
        ((double)appointments.Count(x => ages[x.PersonId!.Value] >= 62) / appointments.Count).ShouldBe(0.438, tolerance: 0.025);
        // 28 % of the interviews of people 62 and over at home; few for the others.
        var seniorInterviews = interviews.Where(x => ages[x.PersonId] >= 62).ToList();
        ((double)seniorInterviews.Count(x => x.Mode == InterviewMode.Home) / seniorInterviews.Count).ShouldBe(0.28, tolerance: 0.04);
        ((double)interviews.Where(x => ages[x.PersonId] < 62).Count(x => x.Mode == InterviewMode.Home) / interviews.Count(x => ages[x.PersonId] < 62)).ShouldBeLessThan(0.06);
        // Interviews come mostly from honoured appointments, each one linked to such an appointment.
        var honoured = appointments.Where(x => x.Status == AppointmentStatus.Honoured).ToDictionary(x => x.Id);
        interviews.Where(x => x.AppointmentId is not null).ShouldAllBe(x => honoured.ContainsKey(x.AppointmentId!.Value) && honoured[x.AppointmentId!.Value].PersonId == x.PersonId);
        ((double)interviews.Count(x => x.AppointmentId is not null) / interviews.Count).ShouldBe(0.7, tolerance: 0.05);
    }

    [Fact]
    public void A_year_before_today_and_two_weeks_of_coming_appointments()
    {
        var city = Make(5, 1000);
        var appointments = city.Activity.OfType<Appointment>().ToList();
        appointments.Where(x => x.Start < Now).ShouldAllBe(x => x.Start > Now.AddDays(-370) && x.Status != AppointmentStatus.Planned);
        var coming = appointments.Where(x => x.Start >= Now).ToList();
        coming.Count.ShouldBeGreaterThan(appointments.Count / 40);
        coming.ShouldAllBe(x => x.Status == AppointmentStatus.Planned && x.Start < Now.AddDays(18));
        appointments.ShouldAllBe(x => x.Start.Offset == TimeSpan.Zero && x.End > x.Start && x.CreatedAt <= Now);
        // Working days only, office hours in Paris (UTC 7:00–17:00 covers winter and summer).
        appointments.ShouldAllBe(x => x.Start.DayOfWeek != DayOfWeek.Saturday && x.Start.DayOfWeek != DayOfWeek.Sunday && x.Start.Hour >= 6 && x.Start.Hour <= 16);
        city.Activity.OfType<ReceptionVisit>().ShouldAllBe(x => x.At < Now && x.At > Now.AddDays(-370));
        // Each follow-up kind is there, and actions include overdue ones for "my actions".
        city.Activity.OfType<Note>().Select(n => n.Confidentiality).Distinct().Count().ShouldBe(3);
        city.Activity.OfType<FollowUpAction>().ShouldContain(x => x.Status == ActionStatus.ToDo && x.DueOn < Today);
        city.Activity.OfType<Referral>().ShouldNotBeEmpty();
        city.Activity.OfType<CollectiveSession>().Count().ShouldBe(city.Volumes.CollectiveSessions);
        city.Activity.OfType<CollectiveParticipant>().ShouldNotBeEmpty();
        city.Activity.OfType<OnlineProcedure>().Count().ShouldBe(city.Volumes.OnlineProcedures);
        city.Activity.OfType<ActionPlan>().Count().ShouldBe(city.Volumes.ActionPlans);
    }

    [Fact]
    public void Referenced_rows_come_first_and_ids_are_unique()
    {
        var city = Make(3, 600);
        var seen = new HashSet<Guid>(city.Refs.Select(r => r.Id));
        foreach (var e in city.Activity)
        {
            switch (e)
            {
                case Interview i when i.AppointmentId is { } a: seen.ShouldContain(a); break;
                case Note n when n.InterviewId is { } i: seen.ShouldContain(i); break;
                case FollowUpAction f when f.InterviewId is { } i: seen.ShouldContain(i); break;
                case CollectiveParticipant p: seen.ShouldContain(p.CollectiveSessionId); seen.ShouldContain(p.PersonId); break;
                case PlanGoal g: seen.ShouldContain(g.ActionPlanId); break;
                case PlanAction a: seen.ShouldContain(a.PlanGoalId); break;
            }
            var id = (Guid)e.GetType().GetProperty("Id")!.GetValue(e)!;
            seen.Add(id).ShouldBeTrue();
        }
    }

    [Fact]
    public void Files_have_french_resources_and_protection_for_some_seniors()
    {
        var city = Make(9, 3000);
        var people = city.Files.SelectMany(f => f.People).ToList();
        people.Select(p => p.FileNumber).ShouldBe(Enumerable.Range(1, people.Count));
        var incomes = city.Files.SelectMany(f => f.Incomes).ToList();
        incomes.ShouldContain(i => i.Kind == IncomeKind.Rsa && i.MonthlyAmount == SyntheticActivity.Rsa);
        incomes.ShouldContain(i => i.Kind == IncomeKind.Aah && i.MonthlyAmount == SyntheticActivity.Aah);
        incomes.ShouldContain(i => i.Kind == IncomeKind.Aspa && i.MonthlyAmount == SyntheticActivity.Aspa);
        incomes.ShouldContain(i => i.Kind == IncomeKind.HousingAid);
        incomes.ShouldAllBe(i => i.MonthlyAmount > 0 && i.MonthlyAmount < 3000);
        city.Files.SelectMany(f => f.Charges).ShouldContain(c => c.Kind == ChargeKind.Rent && c.MonthlyAmount > 300);
        people.Where(p => p.GirLevel is not null).ShouldAllBe(p => p.AgeOn(Today) >= 62 && p.GirLevel >= 1 && p.GirLevel <= 6);
        people.Count(p => p.GirLevel is not null).ShouldBeGreaterThan(0);
        people.Count(p => p.Protection != ProtectionMeasure.None).ShouldBeInRange(5, people.Count / 10);
        // Two thirds of households followed by the team of their age group.
        var followed = people.Where(p => p.Teams.Count > 0).ToList();
        ((double)followed.Count / people.Count).ShouldBe(0.68, tolerance: 0.06);
        city.Files.SelectMany(f => f.Consents).Where(c => c.Kind == ConsentKind.DataProcessing).Count().ShouldBe(people.Count(p => p.AgeOn(Today) >= 18));
        city.Files.SelectMany(f => f.Members).Select(m => m.PersonId).ShouldBe(people.Select(p => p.Id));
    }
    [Fact]
    public void Agents_meet_only_people_whose_file_they_may_open()
    {
        // Site-limited reception agents and social workers of one team each: the rules have something to refuse.
        var city = Make(17, 1500);
        var scopes = city.Files.SelectMany(f => f.People).ToDictionary(p => p.Id, AccessRules.ScopeOf);
        var actors = city.Organisation.Staff.GroupBy(s => s.Id).ToDictionary(g => g.Key,
            g => new Actor(g.Key, city.Organisation.OrganisationId, g.Select(s => new RoleGrant(s.Role, s.SiteId)), g.SelectMany(s => s.TeamIds)));
        var refused = new List<string>();
        void Check(string what, Guid agent, Guid? person, FilePart part)
        {
            if (person is { } p && !AccessRules.CanOpen(actors[agent], scopes[p], part)) refused.Add($"{what} {p} by {agent}");
        }
        foreach (var e in city.Activity)
        {
            switch (e)
            {
                case Appointment a: Check("appointment", a.AgentId, a.PersonId, FilePart.Identity); break;
                case Interview i: Check("interview", i.AgentId, i.PersonId, FilePart.Social); break;
                case Note n: Check("note", n.AuthorId, n.PersonId, FilePart.Social); break;
                case Referral r: Check("referral", r.AgentId, r.PersonId, FilePart.Social); break;
                case ReceptionVisit v: Check("contact", v.AgentId!.Value, v.PersonId, FilePart.Identity); break;
                case OnlineProcedure o: Check("procedure", o.AgentId, o.PersonId, FilePart.Identity); break;
            }
        }
        refused.Take(5).ShouldBeEmpty($"{refused.Count} rows with a file their agent may not open");
        // Still every kind of person: seniors and younger, known and anonymous contacts, the desk's appointments too.
        var appointments = city.Activity.OfType<Appointment>().ToList();
        appointments.Select(a => a.AgentId).Distinct().Count().ShouldBeGreaterThan(8);
        city.Activity.OfType<ReceptionVisit>().Count(v => v.PersonId is null).ShouldBeGreaterThan(0);
        city.Activity.OfType<ReceptionVisit>().Select(v => v.AgentId).Distinct().Count().ShouldBe(3);
    }
    [Fact]
    public void No_agent_is_booked_twice_at_the_same_time()
    {
        var city = Make(23, 2000);
        var overlaps = city.Activity.OfType<Appointment>().GroupBy(a => a.AgentId)
            .SelectMany(g => g.OrderBy(a => a.Start).Zip(g.OrderBy(a => a.Start).Skip(1)).Where(p => p.Second.Start < p.First.End))
            .Select(p => $"{p.First.AgentId} {p.First.Start:u}–{p.First.End:t} / {p.Second.Start:u}").ToList();
        overlaps.Take(5).ShouldBeEmpty($"{overlaps.Count} overlapping appointments");
    }
}
