using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;

using OpenCcas.Web.FollowUp.Statistics;

namespace OpenCcas.Web.Tests.Statistics;

/// <summary>
/// The statistics as first written (commit 501e099): one plain LINQ query per figure, about 25 passes over the
/// period. Kept only as the oracle of <see cref="StatisticsEquivalenceTests"/>: the application's faster
/// <see cref="StatisticsQuery"/> must give exactly the same tables.
/// </summary>
public static class StatisticsReference
{
    public const string FollowedDefinition =
        "Personne suivie : personne ayant eu au moins un entretien (au bureau, à domicile, par téléphone ou en visio) dans la période "
        + "(sur le site et par l'équipe choisis). Ménage suivi : ménage dont au moins un membre (membre pendant la période) est une personne suivie ; "
        + "une personne suivie sans ménage compte pour un ménage.";
    public const string NewDefinition =
        "Nouvelle personne suivie : personne suivie dont le premier entretien enregistré, tous sites et équipes confondus, a eu lieu dans la période. "
        + "Fiches créées : fiches de personnes créées dans la période (rattachées au site, à l'équipe choisis).";
    public const string RateDefinition =
        "Taux de rendez-vous honorés : honorés ÷ (honorés + non présentés + excusés) ; taux de non-présentation : non présentés ÷ ce même total. "
        + "Les rendez-vous annulés ou encore planifiés n'entrent pas dans ces taux.";
    public const string TeamDefinition =
        "Filtre par équipe : les entretiens enregistrés pour l'équipe ; les rendez-vous et contacts d'accueil des agents membres de l'équipe.";

    public static async Task<StatisticsReport> RunAsync(AppDbContext db, StatisticsFilter f, int seniorAge, bool mask, CancellationToken ct = default)
    {
        var start = Paris.StartOfDay(f.From);
        var end = Paris.StartOfDay(f.To.AddDays(1));
        var (from, to, site, team) = (f.From, f.To, f.SiteId, f.TeamId);

        var interviews = db.Set<Interview>().Where(i => i.At >= start && i.At < end);
        var appointments = db.Set<Appointment>().Where(a => a.Start >= start && a.Start < end);
        var visits = db.Set<ReceptionVisit>().Where(v => v.At >= start && v.At < end);
        if (site is { } s)
        {
            interviews = interviews.Where(i => i.SiteId == s);
            appointments = appointments.Where(a => a.SiteId == s);
            visits = visits.Where(v => v.SiteId == s);
        }
        if (team is { } t)
        {
            var agents = db.TeamMembers.Where(m => m.TeamId == t).Select(m => m.UserId);
            interviews = interviews.Where(i => i.TeamId == t);
            appointments = appointments.Where(a => agents.Contains(a.AgentId));
            visits = visits.Where(v => v.AgentId != null && agents.Contains(v.AgentId.Value));
        }
        var followedIds = interviews.Select(i => i.PersonId).Distinct();
        var followed = db.Set<Person>().Where(p => followedIds.Contains(p.Id));
        var members = db.Set<HouseholdMember>().Where(m => m.JoinedOn <= to && (m.LeftOn == null || m.LeftOn > from));

        // Who and how many
        var people = await followedIds.CountAsync(ct);
        var households = await members.Where(m => followedIds.Contains(m.PersonId)).Select(m => m.HouseholdId).Distinct().CountAsync(ct)
            + await followed.CountAsync(p => !members.Any(m => m.PersonId == p.Id), ct);
        var newPeople = await followed.CountAsync(p => !db.Set<Interview>().Any(i => i.PersonId == p.Id && i.At < start), ct);
        var created = db.Set<Person>().Where(p => p.CreatedAt >= start && p.CreatedAt < end);
        if (site is { } cs) created = created.Where(p => p.SiteId == cs);
        if (team is { } ct2) created = created.Where(p => p.Teams.Any(x => x.TeamId == ct2));
        var createdCount = await created.CountAsync(ct);

        // Interviews by mode, and by age at the interview date
        var byMode = (await interviews.GroupBy(i => i.Mode).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => (long)x.N);
        var interviewAges = await SeniorSplitAsync(
            interviews.Join(db.Set<Person>(), i => i.PersonId, p => p.Id, (i, p) => new AgeRow { BirthDate = p.BirthDate, At = i.At, Mode = i.Mode, SiteId = i.SiteId }),
            from, to, seniorAge, ct);

        // Appointments by site, age at the appointment date and status
        var apptAges = await SeniorSplitAsync(
            from a in appointments
            join p in db.Set<Person>() on a.PersonId equals p.Id into ps
            from p in ps.DefaultIfEmpty()
            select new AgeRow { BirthDate = p == null ? null : p.BirthDate, At = a.Start, Mode = null, SiteId = a.SiteId },
            from, to, seniorAge, ct);
        var apptStatus = await appointments.GroupBy(a => new { a.SiteId, a.Status }).Select(g => new { g.Key.SiteId, g.Key.Status, N = g.Count() }).ToListAsync(ct);

        // Reception contacts
        var byChannel = (await visits.GroupBy(v => v.Channel).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => (long)x.N);
        var byReason = await visits.GroupBy(v => v.ReasonId).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct);

        // Profile of the people followed: age on the last day of the period, sex, family, income sources
        var cut = AgeBands.All.Select(b => AgeBands.BornOnOrBeforeForAge(b.MinAge, to)).ToArray();
        var (c1, c2, c3, c4, c5) = (cut[1], cut[2], cut[3], cut[4], cut[5]);
        var byBand = (await followed
            .GroupBy(p => p.BirthDate == null ? -1 : p.BirthDate <= c5 ? 5 : p.BirthDate <= c4 ? 4 : p.BirthDate <= c3 ? 3 : p.BirthDate <= c2 ? 2 : p.BirthDate <= c1 ? 1 : 0)
            .Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => (long)x.N);
        var bySex = (await followed.GroupBy(p => p.Sex).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => (long)x.N);
        var byFamily = (await followed.GroupBy(p => p.Family).Select(g => new { g.Key, N = g.Count() }).ToListAsync(ct)).ToDictionary(x => x.Key, x => (long)x.N);
        var incomes = db.Set<PersonIncome>().Where(i => followedIds.Contains(i.PersonId));
        var byIncome = (await incomes.GroupBy(i => i.Kind).Select(g => new { g.Key, N = g.Select(x => x.PersonId).Distinct().Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => (long)x.N);
        var noIncome = await followed.CountAsync(p => !db.Set<PersonIncome>().Any(i => i.PersonId == p.Id), ct);

        var sites = await db.Sites.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
        var reasons = await db.Set<ReceptionReason>().AsNoTracking().Select(x => new { x.Id, x.Label, x.SortOrder }).ToListAsync(ct);
        var teamName = team is { } tn ? await db.Teams.Where(x => x.Id == tn).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;

        // Tables
        var totalInterviews = byMode.Values.Sum();
        var seniorTotal = interviewAges.Where(k => k.Key.Group == AgeGroup.Senior && k.Key.SiteId == null).Sum(k => k.Value);
        var seniorHome = interviewAges.GetValueOrDefault((AgeGroup.Senior, (InterviewMode?)InterviewMode.Home, (Guid?)null));
        long Status(AppointmentStatus st, Guid? s0 = null) => apptStatus.Where(x => x.Status == st && (s0 == null || x.SiteId == s0)).Sum(x => (long)x.N);
        var honoured = Status(AppointmentStatus.Honoured);
        var held = honoured + Status(AppointmentStatus.NoShow) + Status(AppointmentStatus.Excused);
        var totalAppointments = apptStatus.Sum(x => (long)x.N);
        var totalVisits = byChannel.Values.Sum();

        var tables = new List<StatTable>
        {
            new("synthese", "Chiffres clés", "Indicateur", ["Valeur"],
            [
                Row("Ménages suivis", StatCell.Of(households)),
                Row("Personnes suivies", StatCell.Of(people)),
                Row("Nouvelles personnes suivies", StatCell.Of(newPeople)),
                Row("Fiches créées dans la période", StatCell.Of(createdCount)),
                Row("Entretiens", StatCell.Of(totalInterviews)),
                Row("Part des entretiens par téléphone", StatCell.Rate(byMode.GetValueOrDefault(InterviewMode.Phone), totalInterviews)),
                Row($"Part des visites à domicile parmi les entretiens des {seniorAge} ans et plus", StatCell.Rate(seniorHome, seniorTotal)),
                Row("Rendez-vous", StatCell.Of(totalAppointments)),
                Row("Taux de rendez-vous honorés", StatCell.Rate(honoured, held)),
                Row("Taux de non-présentation", StatCell.Rate(Status(AppointmentStatus.NoShow), held)),
                Row("Contacts d'accueil", StatCell.Of(totalVisits)),
            ], null, FollowedDefinition + " " + NewDefinition),

            new("entretiens-mode", "Entretiens par mode", "Mode", ["Entretiens", "Part"],
                Enum.GetValues<InterviewMode>().Select(m => Row(StatisticsLabels.Of(m), StatCell.Of(byMode.GetValueOrDefault(m)), StatCell.Rate(byMode.GetValueOrDefault(m), totalInterviews))).ToList(),
                Row("Total", StatCell.Of(totalInterviews), StatCell.Rate(totalInterviews, totalInterviews))),

            new("entretiens-age", $"Entretiens par âge à la date de l'entretien et par mode", "Âge",
                [.. Enum.GetValues<InterviewMode>().Select(StatisticsLabels.Of), "Total", "Part à domicile"],
                AgeGroups(seniorAge).Select(g =>
                {
                    var counts = Enum.GetValues<InterviewMode>().Select(m => interviewAges.GetValueOrDefault((g.Group, (InterviewMode?)m, (Guid?)null))).ToList();
                    return Row(g.Label, [.. counts.Select(StatCell.Of), StatCell.Of(counts.Sum()), StatCell.Rate(counts[(int)InterviewMode.Home], counts.Sum())]);
                }).ToList(),
                Row("Total", [.. Enum.GetValues<InterviewMode>().Select(m => StatCell.Of(byMode.GetValueOrDefault(m))), StatCell.Of(totalInterviews),
                    StatCell.Rate(byMode.GetValueOrDefault(InterviewMode.Home), totalInterviews)]),
                $"Âge de la personne à la date de l'entretien ; le seuil ({seniorAge} ans) est un réglage (Statistics:SeniorAge)."),
        };

        var apptSites = apptStatus.Select(x => x.SiteId).Distinct().OrderBy(x => sites.GetValueOrDefault(x, "")).ToList();
        var groups = AgeGroups(seniorAge);
        tables.Add(new("rendez-vous-site-age", "Rendez-vous par site et par âge à la date du rendez-vous", "Site",
            [.. groups.Select(g => g.Label == AgeBands.UnknownLabel ? "Âge inconnu ou sans personne" : g.Label), "Total"],
            apptSites.Select(sid =>
            {
                var counts = groups.Select(g => apptAges.GetValueOrDefault((g.Group, (InterviewMode?)null, (Guid?)sid))).ToList();
                return Row(sites.GetValueOrDefault(sid, "Site supprimé"), [.. counts.Select(StatCell.Of), StatCell.Of(counts.Sum())]);
            }).ToList(),
            Row("Total", [.. groups.Select(g => StatCell.Of(apptAges.GetValueOrDefault((g.Group, (InterviewMode?)null, (Guid?)null)))), StatCell.Of(totalAppointments)])));

        var statuses = Enum.GetValues<AppointmentStatus>();
        StatRow StatusRow(string label, Guid? sid)
        {
            var h = Status(AppointmentStatus.Honoured, sid);
            var n = Status(AppointmentStatus.NoShow, sid);
            var d = h + n + Status(AppointmentStatus.Excused, sid);
            return Row(label, [.. statuses.Select(st => StatCell.Of(Status(st, sid))), StatCell.Of(statuses.Sum(st => Status(st, sid))), StatCell.Rate(h, d), StatCell.Rate(n, d)]);
        }
        tables.Add(new("rendez-vous-statut", "Rendez-vous par site et par statut", "Site",
            [.. statuses.Select(StatisticsLabels.Of), "Total", "Taux honorés", "Taux de non-présentation"],
            apptSites.Select(sid => StatusRow(sites.GetValueOrDefault(sid, "Site supprimé"), sid)).ToList(),
            StatusRow("Total", null), RateDefinition));

        tables.Add(new("accueil-canal", "Contacts d'accueil par canal", "Canal", ["Contacts", "Part"],
            Enum.GetValues<ContactChannel>().Select(c => Row(StatisticsLabels.Of(c), StatCell.Of(byChannel.GetValueOrDefault(c)), StatCell.Rate(byChannel.GetValueOrDefault(c), totalVisits))).ToList(),
            Row("Total", StatCell.Of(totalVisits), StatCell.Rate(totalVisits, totalVisits))));

        var reasonRows = reasons.OrderBy(r => r.SortOrder).ThenBy(r => r.Label)
            .Select(r => (r.Label, N: byReason.Where(x => x.Key == r.Id).Sum(x => (long)x.N)))
            .Where(r => r.N > 0).ToList();
        var noReason = byReason.Where(x => x.Key == null || reasons.All(r => r.Id != x.Key)).Sum(x => (long)x.N);
        if (noReason > 0) reasonRows.Add(("Sans motif", noReason));
        tables.Add(new("accueil-motif", "Contacts d'accueil par motif", "Motif", ["Contacts", "Part"],
            reasonRows.Select(r => Row(r.Label, StatCell.Of(r.N), StatCell.Rate(r.N, totalVisits))).ToList(),
            Row("Total", StatCell.Of(totalVisits), StatCell.Rate(totalVisits, totalVisits))));

        var bandRows = AgeBands.All.Select((b, i) => Row(b.Label, StatCell.Of(byBand.GetValueOrDefault(i)), StatCell.Rate(byBand.GetValueOrDefault(i), people))).ToList();
        bandRows.Add(Row(AgeBands.UnknownLabel, StatCell.Of(byBand.GetValueOrDefault(-1)), StatCell.Rate(byBand.GetValueOrDefault(-1), people)));
        tables.Add(new("personnes-age", "Personnes suivies par tranche d'âge", "Tranche d'âge", ["Personnes", "Part"], bandRows,
            Row("Total", StatCell.Of(people), StatCell.Rate(people, people)), "Âge au dernier jour de la période."));

        tables.Add(new("personnes-sexe", "Personnes suivies par sexe", "Sexe", ["Personnes", "Part"],
            Enum.GetValues<Sex>().Select(x => Row(StatisticsLabels.Of(x), StatCell.Of(bySex.GetValueOrDefault(x)), StatCell.Rate(bySex.GetValueOrDefault(x), people))).ToList(),
            Row("Total", StatCell.Of(people), StatCell.Rate(people, people))));

        var families = Enum.GetValues<FamilySituation>().Where(x => x != FamilySituation.Unknown).Append(FamilySituation.Unknown);
        tables.Add(new("personnes-famille", "Personnes suivies par situation familiale", "Situation familiale", ["Personnes", "Part"],
            families.Select(x => Row(StatisticsLabels.Of(x), StatCell.Of(byFamily.GetValueOrDefault(x)), StatCell.Rate(byFamily.GetValueOrDefault(x), people))).ToList(),
            Row("Total", StatCell.Of(people), StatCell.Rate(people, people))));

        var incomeRows = Enum.GetValues<IncomeKind>().Select(k => Row(StatisticsLabels.Of(k), StatCell.Of(byIncome.GetValueOrDefault(k)), StatCell.Rate(byIncome.GetValueOrDefault(k), people))).ToList();
        incomeRows.Add(Row("Aucune ressource déclarée", StatCell.Of(noIncome), StatCell.Rate(noIncome, people)));
        tables.Add(new("personnes-ressources", "Personnes suivies par source de revenus", "Source de revenus", ["Personnes", "Part"], incomeRows,
            Row("Personnes suivies", StatCell.Of(people), StatCell.Rate(people, people)),
            "Une personne est comptée une fois par type de ressource qu'elle perçoit : le total des lignes peut dépasser le nombre de personnes."));

        if (mask) tables = tables.Select(x => x.Masked()).ToList();
        return new StatisticsReport(f, site is { } sn ? sites.GetValueOrDefault(sn) : null, teamName, seniorAge, mask, tables);
    }

    private static StatRow Row(string label, params StatCell[] cells) => new(label, cells);

    public enum AgeGroup { Under, Senior, Unknown }

    private static List<(AgeGroup Group, string Label)> AgeGroups(int seniorAge) =>
        [(AgeGroup.Under, $"Moins de {seniorAge} ans"), (AgeGroup.Senior, $"{seniorAge} ans et plus"), (AgeGroup.Unknown, AgeBands.UnknownLabel)];

    /// <summary>A row to classify by age at a date: the person's birth date, the date, a mode and a site.</summary>
    public sealed class AgeRow
    {
        public DateOnly? BirthDate { get; init; }
        public DateTimeOffset At { get; init; }
        public InterviewMode? Mode { get; init; }
        public Guid? SiteId { get; init; }
    }

    /// <summary>
    /// Counts by (age group at the row's date, mode, site). People born on or before the birth date that makes them
    /// senior on the first day are senior all through the period, people born after the one that makes them senior on
    /// the last day never are: both are grouped by the database. Only the rows of people who reach the age during
    /// the period (about one birth year) are read, to compare each date with their birthday.
    /// </summary>
    private static async Task<Dictionary<(AgeGroup Group, InterviewMode? Mode, Guid? SiteId), long>> SeniorSplitAsync(
        IQueryable<AgeRow> rows, DateOnly from, DateOnly to, int seniorAge, CancellationToken ct)
    {
        var seniorAll = AgeBands.BornOnOrBeforeForAge(seniorAge, from);
        var seniorSome = AgeBands.BornOnOrBeforeForAge(seniorAge, to);
        var grouped = await rows
            .GroupBy(r => new { G = r.BirthDate == null ? 2 : r.BirthDate <= seniorAll ? 1 : r.BirthDate > seniorSome ? 0 : 3, r.Mode, r.SiteId })
            .Select(g => new { g.Key.G, g.Key.Mode, g.Key.SiteId, N = g.Count() })
            .ToListAsync(ct);
        var result = new Dictionary<(AgeGroup, InterviewMode?, Guid?), long>();
        void Add(AgeGroup group, InterviewMode? mode, Guid? site, long n) =>
            result[(group, mode, site)] = result.GetValueOrDefault((group, mode, site)) + n;
        foreach (var g in grouped.Where(g => g.G != 3))
            Add((AgeGroup)(g.G == 2 ? 2 : g.G), g.Mode, g.SiteId, g.N);
        if (grouped.Any(g => g.G == 3))
        {
            var turning = await rows.Where(r => r.BirthDate > seniorAll && r.BirthDate <= seniorSome)
                .Select(r => new { r.BirthDate, r.At, r.Mode, r.SiteId }).ToListAsync(ct);
            foreach (var r in turning)
            {
                var day = DateOnly.FromDateTime(r.At.ToParis().DateTime);
                Add(Ages.On(r.BirthDate!.Value, day) >= seniorAge ? AgeGroup.Senior : AgeGroup.Under, r.Mode, r.SiteId, 1);
            }
        }
        // The senior split for the whole: site null sums the sites.
        foreach (var k in result.Keys.Where(k => k.Item3 is not null).ToList())
            Add(k.Item1, k.Item2, null, result[k]);
        return result;
    }
}
