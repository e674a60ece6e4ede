using System.Data;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.FollowUp.Statistics;

/// <summary>The period (inclusive dates, Europe/Paris), and optionally one site and one team.</summary>
public sealed record StatisticsFilter(DateOnly From, DateOnly To, Guid? SiteId = null, Guid? TeamId = null);

public sealed record StatisticsReport(StatisticsFilter Filter, string? SiteName, string? TeamName, int SeniorAge,
    bool SmallCellsMasked, IReadOnlyList<StatTable> Tables)
{
    public StatTable Table(string id) => Tables.Single(t => t.Id == id);
}

/// <summary>
/// The statistics of reception and follow-up, computed in the database with grouped queries (never row by row),
/// except the interviews and appointments of the few people who reach the senior age during the period, whose age
/// at the date is decided one by one (see <see cref="SeniorSplitAsync"/>). A year of a large organisation is
/// millions of rows: each table is read once, grouped by every dimension the figures need at once, and the figures
/// are folded from those few groups in memory. On SQLite, which sorts the rows of every GROUP BY, the interviews,
/// appointments and contacts are instead counted per key on indexes that start with it (see
/// <see cref="AppointmentGroupsByKeyAsync"/>), with the GROUP BY as the fallback.
/// </summary>
public static class StatisticsQuery
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

    /// <param name="leases">
    /// More contexts of the same organisation: the passes over the people followed then run on a second connection beside
    /// the counts of rows (about 1 s each for a year on 200,000 people), which on a two-core server halves the time. On
    /// SQLite, which runs a statement on its caller's thread and one at a time per connection, that is the only way to
    /// use the second core; on PostgreSQL the second connection imports the first one's snapshot, so that every figure
    /// still comes from one snapshot.
    /// </param>
    public static async Task<StatisticsReport> RunAsync(AppDbContext db, StatisticsFilter f, int seniorAge, bool mask, CancellationToken ct = default,
        ContextLeases? leases = null)
    {
        // PostgreSQL compiles (JIT) every query its planner finds costly: for these grouped passes over a year of a large
        // organisation, compiling took longer than running (2.5 s of JIT for a 0.3 s pass over 200,000 people). And
        // the default 4 MB of work memory sends their sorts and hashes of a few MB to disk. So the passes run without
        // JIT and with 32 MB, in one read-only transaction, which also reads every figure from one snapshot. Their
        // statements are prepared like every other (Database.Tuned), but a month and ten years want different plans: each
        // is planned for its dates, never with a generic plan.
        const string Settings = "SET TRANSACTION READ ONLY; SET LOCAL jit = off; SET LOCAL work_mem = '32MB'; SET LOCAL plan_cache_mode = force_custom_plan";
        await using var transaction = db.Database.IsNpgsql() && db.Database.CurrentTransaction is null
            ? await db.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
        if (transaction is not null)
            await db.Database.ExecuteSqlRawAsync(Settings, ct);

        var period = new Period(f, Paris.StartOfDay(f.From), Paris.StartOfDay(f.To.AddDays(1)));
        var (site, team) = (f.SiteId, f.TeamId);

        // Disposed last, once its pass is over (awaited below even when the other passes fail). On PostgreSQL only when
        // this call owns the transaction whose snapshot it shares.
        await using var beside = db.Database.IsSqlite() || transaction is not null ? leases?.Lease() : null;
        await using var besideTransaction = beside is not null && transaction is not null
            ? await beside.Database.BeginTransactionAsync(IsolationLevel.RepeatableRead, ct) : null;
        if (besideTransaction is not null)
        {
            var snapshot = await db.Database.SqlQueryRaw<string>("SELECT pg_export_snapshot() AS \"Value\"").SingleAsync(ct);
            // A utility statement takes no parameter: the identifier PostgreSQL gave (hexadecimal digits and dashes).
            if (!System.Text.RegularExpressions.Regex.IsMatch(snapshot, "^[0-9A-Fa-f-]+$")) throw new InvalidOperationException($"Unexpected snapshot id {snapshot}");
            var import = "SET TRANSACTION SNAPSHOT '" + snapshot + "'; " + Settings;
            await beside!.Database.ExecuteSqlRawAsync(import, ct);
        }
        var besidePass = beside is null ? null : Task.Run(() => FollowedAsync(beside, period, ct), ct);
        RowCounts rows;
        Dictionary<Guid, string> sites;
        try
        {
            sites = await db.Sites.AsNoTracking().Select(x => new { x.Id, x.Name }).ToDictionaryAsync(x => x.Id, x => x.Name, ct);
            rows = await CountRowsAsync(db, period, seniorAge, sites.Keys, ct);
        }
        catch
        {
            if (besidePass is not null) await Task.WhenAny(besidePass);
            throw;
        }
        var followed = besidePass is null ? await FollowedAsync(db, period, ct) : await besidePass;

        var (interviewAges, apptAges, byChannelReason) = rows;
        var byMode = interviewAges.GroupBy(k => k.Key.Mode!.Value).ToDictionary(g => g.Key, g => g.Sum(k => k.Value));
        var apptStatus = apptAges.GroupBy(k => (SiteId: k.Key.SiteId!.Value, Status: k.Key.Status!.Value))
            .Select(g => new { g.Key.SiteId, g.Key.Status, N = g.Sum(k => k.Value) }).ToList();
        var byChannel = byChannelReason.GroupBy(x => x.Channel).ToDictionary(g => g.Key, g => g.Sum(x => (long)x.N));
        var byReason = byChannelReason.GroupBy(x => x.ReasonId).Select(g => new { g.Key, N = g.Sum(x => x.N) }).ToList();

        var profiles = followed.Profiles;
        var people = profiles.Sum(x => x.N);
        var newPeople = profiles.Where(x => x.New).Sum(x => x.N);
        var noIncome = profiles.Where(x => !x.WithIncome).Sum(x => x.N);
        var byBand = profiles.GroupBy(x => x.Band).ToDictionary(g => g.Key, g => g.Sum(x => x.N));
        var bySex = profiles.GroupBy(x => x.Sex).ToDictionary(g => g.Key, g => g.Sum(x => x.N));
        var byFamily = profiles.GroupBy(x => x.Family).ToDictionary(g => g.Key, g => g.Sum(x => x.N));
        // Households: those of the followed members, plus one per followed person without a household.
        var households = followed.MemberHouseholds + profiles.Where(x => !x.InHousehold).Sum(x => x.N);
        var byIncome = followed.ByIncome;
        var createdCount = followed.Created;

        var reasons = await db.Set<ReceptionReason>().AsNoTracking().Select(x => new { x.Id, x.Label, x.SortOrder }).ToListAsync(ct);
        var teamName = team is { } tn ? await db.Teams.Where(x => x.Id == tn).Select(x => x.Name).FirstOrDefaultAsync(ct) : null;

        // Tables
        var totalInterviews = byMode.Values.Sum();
        long InterviewAges(AgeGroup g, InterviewMode? m = null) => interviewAges.Where(k => k.Key.Group == g && (m == null || k.Key.Mode == m)).Sum(k => k.Value);
        var seniorTotal = InterviewAges(AgeGroup.Senior);
        var seniorHome = InterviewAges(AgeGroup.Senior, InterviewMode.Home);
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
                    var counts = Enum.GetValues<InterviewMode>().Select(m => InterviewAges(g.Group, m)).ToList();
                    return Row(g.Label, [.. counts.Select(StatCell.Of), StatCell.Of(counts.Sum()), StatCell.Rate(counts[(int)InterviewMode.Home], counts.Sum())]);
                }).ToList(),
                Row("Total", [.. Enum.GetValues<InterviewMode>().Select(m => StatCell.Of(byMode.GetValueOrDefault(m))), StatCell.Of(totalInterviews),
                    StatCell.Rate(byMode.GetValueOrDefault(InterviewMode.Home), totalInterviews)]),
                $"Âge de la personne à la date de l'entretien ; le seuil ({seniorAge} ans) est un réglage (Statistics:SeniorAge)."),
        };

        var apptSites = apptStatus.Select(x => x.SiteId).Distinct().OrderBy(x => sites.GetValueOrDefault(x, "")).ToList();
        var groups = AgeGroups(seniorAge);
        long ApptAges(AgeGroup g, Guid? sid = null) => apptAges.Where(k => k.Key.Group == g && (sid == null || k.Key.SiteId == sid)).Sum(k => k.Value);
        tables.Add(new("rendez-vous-site-age", "Rendez-vous par site et par âge à la date du rendez-vous", "Site",
            [.. groups.Select(g => g.Label == AgeBands.UnknownLabel ? "Âge inconnu ou sans personne" : g.Label), "Total"],
            apptSites.Select(sid =>
            {
                var counts = groups.Select(g => ApptAges(g.Group, sid)).ToList();
                return Row(sites.GetValueOrDefault(sid, "Site supprimé"), [.. counts.Select(StatCell.Of), StatCell.Of(counts.Sum())]);
            }).ToList(),
            Row("Total", [.. groups.Select(g => StatCell.Of(ApptAges(g.Group))), StatCell.Of(totalAppointments)])));

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

    /// <summary>The period's bounds (Europe/Paris days) and filters.</summary>
    private sealed record Period(StatisticsFilter Filter, DateTimeOffset Start, DateTimeOffset End);

    /// <summary>The period's interviews, appointments and reception contacts on a context, with the site and team filters.</summary>
    private static (IQueryable<Interview> Interviews, IQueryable<Appointment> Appointments, IQueryable<ReceptionVisit> Visits) RowsOf(AppDbContext db, Period period)
    {
        var (start, end) = (period.Start, period.End);
        var interviews = db.Set<Interview>().Where(i => i.At >= start && i.At < end);
        var appointments = db.Set<Appointment>().Where(a => a.Start >= start && a.Start < end);
        var visits = db.Set<ReceptionVisit>().Where(v => v.At >= start && v.At < end);
        if (period.Filter.SiteId is { } s)
        {
            interviews = interviews.Where(i => i.SiteId == s);
            appointments = appointments.Where(a => a.SiteId == s);
            visits = visits.Where(v => v.SiteId == s);
        }
        if (period.Filter.TeamId is { } t)
        {
            var agents = db.TeamMembers.Where(m => m.TeamId == t).Select(m => m.UserId);
            interviews = interviews.Where(i => i.TeamId == t);
            appointments = appointments.Where(a => agents.Contains(a.AgentId));
            visits = visits.Where(v => v.AgentId != null && agents.Contains(v.AgentId.Value));
        }
        return (interviews, appointments, visits);
    }

    private sealed record RowCounts(Dictionary<AgeKey, long> InterviewAges, Dictionary<AgeKey, long> AppointmentAges, List<VisitCount> Visits);

    /// <summary>Interviews by age group and mode, appointments by age group, site and status, contacts by channel and reason.</summary>
    private static async Task<RowCounts> CountRowsAsync(AppDbContext db, Period period, int seniorAge, IEnumerable<Guid> sites, CancellationToken ct)
    {
        var (from, to) = (period.Filter.From, period.Filter.To);
        var (interviews, appointments, visits) = RowsOf(db, period);
        await using var ageGroups = db.Database.IsSqlite() ? await AgeGroupsAsync(db, from, to, seniorAge, ct) : null;

        // Interviews: one pass grouped by age at the interview date and mode; the totals by mode are its sums.
        var interviewAges = await SeniorSplitAsync(db,
            interviews.Select(i => new AgeRow { PersonId = i.PersonId, At = i.At, Mode = i.Mode, SiteId = null, Status = null }),
            from, to, seniorAge, db.Database.IsSqlite() ? await InterviewGroupsByKeyAsync(db, interviews, ct) : null, ct);

        // Appointments: one pass grouped by age at the appointment date, site and status.
        var apptRows = appointments.Select(a => new AgeRow { PersonId = a.PersonId, At = a.Start, Mode = null, SiteId = a.SiteId, Status = a.Status });
        var apptAges = await SeniorSplitAsync(db, apptRows, from, to, seniorAge,
            db.Database.IsSqlite() ? await AppointmentGroupsByKeyAsync(db, appointments, sites, ct) : null, ct);

        // Reception contacts: one pass grouped by channel and reason.
        var byChannelReason = db.Database.IsSqlite() ? await VisitsByKeyAsync(db, visits, ct)
            : await visits.GroupBy(v => new { v.Channel, v.ReasonId }).Select(g => new VisitCount(g.Key.Channel, g.Key.ReasonId, g.Count())).ToListAsync(ct);
        return new RowCounts(interviewAges, apptAges, byChannelReason);
    }

    private sealed record Profile(int Band, Sex Sex, FamilySituation Family, bool New, bool InHousehold, bool WithIncome, long N);

    private sealed record FollowedCounts(List<Profile> Profiles, long MemberHouseholds, Dictionary<IncomeKind, long> ByIncome, int Created);

    /// <summary>
    /// The people followed, in one pass grouped by everything counted per person: age on the last day of the period,
    /// sex, family, new (no interview before the period, any site or team), in a household during the period, with an
    /// income; the households of the followed members; the people by income; and the files created in the period.
    /// </summary>
    private static async Task<FollowedCounts> FollowedAsync(AppDbContext db, Period period, CancellationToken ct)
    {
        var (start, end, from, to) = (period.Start, period.End, period.Filter.From, period.Filter.To);
        var interviews = RowsOf(db, period).Interviews;
        // "Followed" is tested row by row (EXISTS on the index by person and date) rather than as a list of the
        // period's interviewed people: SQLite would build that list of ~100,000 people again for each of the three
        // passes that use it (0.3 s each on 200,000 people); PostgreSQL makes a semi-join of either form.
        var followed = db.Set<Person>().Where(p => interviews.Any(i => i.PersonId == p.Id));
        var members = db.Set<HouseholdMember>().Where(m => m.JoinedOn <= to && (m.LeftOn == null || m.LeftOn > from));
        var cut = AgeBands.All.Select(b => AgeBands.BornOnOrBeforeForAge(b.MinAge, to)).ToArray();
        var (c1, c2, c3, c4, c5) = (cut[1], cut[2], cut[3], cut[4], cut[5]);
        var profiles = await followed
            .Select(p => new
            {
                Band = p.BirthDate == null ? -1 : p.BirthDate <= c5 ? 5 : p.BirthDate <= c4 ? 4 : p.BirthDate <= c3 ? 3 : p.BirthDate <= c2 ? 2 : p.BirthDate <= c1 ? 1 : 0,
                p.Sex,
                p.Family,
                New = !db.Set<Interview>().Any(i => i.PersonId == p.Id && i.At < start),
                InHousehold = members.Any(m => m.PersonId == p.Id),
                WithIncome = db.Set<PersonIncome>().Any(i => i.PersonId == p.Id),
            })
            .GroupBy(x => new { x.Band, x.Sex, x.Family, x.New, x.InHousehold, x.WithIncome })
            .Select(g => new Profile(g.Key.Band, g.Key.Sex, g.Key.Family, g.Key.New, g.Key.InHousehold, g.Key.WithIncome, g.Count()))
            .ToListAsync(ct);
        var memberHouseholds = await members.Where(m => interviews.Any(i => i.PersonId == m.PersonId)).Select(m => m.HouseholdId).Distinct().CountAsync(ct);
        var byIncome = (await db.Set<PersonIncome>().Where(x => interviews.Any(i => i.PersonId == x.PersonId))
                .GroupBy(i => i.Kind).Select(g => new { g.Key, N = g.Select(x => x.PersonId).Distinct().Count() }).ToListAsync(ct))
            .ToDictionary(x => x.Key, x => (long)x.N);

        var created = db.Set<Person>().Where(p => p.CreatedAt >= start && p.CreatedAt < end);
        if (period.Filter.SiteId is { } cs) created = created.Where(p => p.SiteId == cs);
        if (period.Filter.TeamId is { } team) created = created.Where(p => p.Teams.Any(x => x.TeamId == team));
        return new FollowedCounts(profiles, memberHouseholds, byIncome, await created.CountAsync(ct));
    }

    private static StatRow Row(string label, params StatCell[] cells) => new(label, cells);

    public enum AgeGroup { Under, Senior, Unknown }

    private static List<(AgeGroup Group, string Label)> AgeGroups(int seniorAge) =>
        [(AgeGroup.Under, $"Moins de {seniorAge} ans"), (AgeGroup.Senior, $"{seniorAge} ans et plus"), (AgeGroup.Unknown, AgeBands.UnknownLabel)];

    /// <summary>
    /// A row to classify by the age of its person (none for an appointment without one) at its date, with what else it
    /// is counted by. Every property is set in the projections (null where unused): EF translates only those assigned.
    /// </summary>
    public sealed class AgeRow
    {
        public Guid? PersonId { get; init; }
        public DateTimeOffset At { get; init; }
        public InterviewMode? Mode { get; init; }
        public Guid? SiteId { get; init; }
        public AppointmentStatus? Status { get; init; }
    }

    public readonly record struct AgeKey(AgeGroup Group, InterviewMode? Mode, Guid? SiteId, AppointmentStatus? Status);

    /// <summary>
    /// SQLite: a person's age group as its packed count (<see cref="AgeGroupsAsync"/>); people under the age have none. Not
    /// "PersonId": that name marks the records the merge, the export and the anonymisation walk.
    /// </summary>
    public sealed class AgeGroupRow
    {
        public Guid PersonKey { get; set; }
        public long Packed { get; set; }
    }

    public const string AgeGroupTable = "StatisticsAgeGroups";

    /// <summary>The temporary table's columns (the bench plans the statements against an empty one).</summary>
    public const string AgeGroupColumns = "(\"PersonKey\" TEXT NOT NULL PRIMARY KEY, \"Packed\" INTEGER NOT NULL) WITHOUT ROWID";

    /// <summary>
    /// Counts by (age group at the row's date, mode, site, status). People born on or before the birth date that makes
    /// them senior on the first day are senior all through the period, people born after the one that makes them senior
    /// on the last day never are: both are grouped by the database. Only the rows of people who reach the age during
    /// the period (about one birth year) are read, to compare each date with their birthday.
    /// </summary>
    private static async Task<Dictionary<AgeKey, long>> SeniorSplitAsync(AppDbContext db,
        IQueryable<AgeRow> rows, DateOnly from, DateOnly to, int seniorAge, List<GroupCount>? counted, CancellationToken ct)
    {
        var seniorAll = AgeBands.BornOnOrBeforeForAge(seniorAge, from);
        var seniorSome = AgeBands.BornOnOrBeforeForAge(seniorAge, to);
        // Each row's person is looked up in three sets of people (senior all through, no birth date, turning senior),
        // not joined to the table of people: for a year of rows SQLite does four times less work (no read of a
        // person's row per interview or appointment), and PostgreSQL hashes the three sets once.
        var people = db.Set<Person>();
        var senior = people.Where(p => p.BirthDate <= seniorAll).Select(p => (Guid?)p.Id);
        var unknown = people.Where(p => p.BirthDate == null).Select(p => (Guid?)p.Id);
        var turning = people.Where(p => p.BirthDate > seniorAll && p.BirthDate <= seniorSome).Select(p => (Guid?)p.Id);
        var grouped = counted ?? await rows
            .GroupBy(r => new
            {
                G = r.PersonId == null ? 2 : senior.Contains(r.PersonId) ? 1 : unknown.Contains(r.PersonId) ? 2 : turning.Contains(r.PersonId) ? 3 : 0,
                r.Mode, r.SiteId, r.Status,
            })
            .Select(g => new GroupCount(g.Key.G, g.Key.Mode, g.Key.SiteId, g.Key.Status, g.Count()))
            .ToListAsync(ct);
        var result = new Dictionary<AgeKey, long>();
        void Add(AgeGroup group, InterviewMode? mode, Guid? site, AppointmentStatus? status, long n)
        {
            var key = new AgeKey(group, mode, site, status);
            result[key] = result.GetValueOrDefault(key) + n;
        }
        foreach (var g in grouped.Where(g => g.G != 3))
            Add((AgeGroup)(g.G == 2 ? 2 : g.G), g.Mode, g.SiteId, g.Status, g.N);
        if (grouped.Any(g => g.G == 3))
        {
            var turningRows = await rows.Join(people.Where(p => p.BirthDate > seniorAll && p.BirthDate <= seniorSome), r => r.PersonId, p => (Guid?)p.Id,
                    (r, p) => new { p.BirthDate, r.At, r.Mode, r.SiteId, r.Status })
                .ToListAsync(ct);
            foreach (var r in turningRows)
            {
                var day = DateOnly.FromDateTime(r.At.ToParis().DateTime);
                Add(Ages.On(r.BirthDate!.Value, day) >= seniorAge ? AgeGroup.Senior : AgeGroup.Under, r.Mode, r.SiteId, r.Status, 1);
            }
        }
        return result;
    }

    /// <summary>A count of rows by age group (0 under the age, 1 senior, 2 unknown, 3 turning senior in the period) and key.</summary>
    private sealed record GroupCount(int G, InterviewMode? Mode, Guid? SiteId, AppointmentStatus? Status, long N);

    private sealed record VisitCount(ContactChannel Channel, Guid? ReasonId, long N);

    // SQLite has no hash aggregation: a GROUP BY sorts every row of the period (0.3–0.5 s for the 560,000 appointments or
    // 890,000 contacts of a year of 200,000 people). Where the keys are few and known beforehand (modes, sites ×
    // statuses, channels × reasons), each key is counted instead on an index that starts with it (SqliteAppDbContext),
    // a range count that reads only index entries and sorts nothing; its count and its rows' age groups (looked up in
    // the request's temporary table, AgeGroupsAsync) come from the same pass, a GROUP BY on the key the WHERE fixes.
    // Every row has one of those keys: modes, statuses and channels are the enums EF writes, sites and reasons foreign
    // keys to the organisation's own (the tenancy write check), a contact without a reason is counted apart. The
    // total of the period is therefore not counted again (it cost as much as the keys: 0.35 s). A count that could
    // overflow its packed field sends the caller back to the GROUP BY.

    /// <summary>Appointments counted per site and status, and per age group packed in one sum (21 bits a group).</summary>
    private static async Task<List<GroupCount>?> AppointmentGroupsByKeyAsync(AppDbContext db, IQueryable<Appointment> appointments,
        IEnumerable<Guid> sites, CancellationToken ct)
    {
        var groups = db.Set<AgeGroupRow>();
        var result = new List<GroupCount>();
        foreach (var site in sites)
            foreach (var status in Enum.GetValues<AppointmentStatus>())
            {
                var counted = await appointments.Where(a => a.SiteId == site && a.Status == status).GroupBy(a => a.Status)
                    .Select(g => new PackedCount(g.LongCount(), g.Sum(a => a.PersonId == null ? Unknown
                        : groups.Where(x => x.PersonKey == a.PersonId).Select(x => x.Packed).FirstOrDefault())))
                    .FirstOrDefaultAsync(ct);
                if (counted is null) continue;
                if (counted.N >= 1L << PackedBits) return null;
                result.AddRange(Unpack(counted.N, counted.Packed).Where(u => u.N > 0).Select(u => new GroupCount(u.G, null, site, status, u.N)));
            }
        return result;
    }

    /// <summary>Interviews counted per mode, and per age group packed in one sum (21 bits a group).</summary>
    private static async Task<List<GroupCount>?> InterviewGroupsByKeyAsync(AppDbContext db, IQueryable<Interview> interviews,
        CancellationToken ct)
    {
        var groups = db.Set<AgeGroupRow>();
        var result = new List<GroupCount>();
        foreach (var mode in Enum.GetValues<InterviewMode>())
        {
            var counted = await interviews.Where(i => i.Mode == mode).GroupBy(i => i.Mode)
                .Select(g => new PackedCount(g.LongCount(), g.Sum(i => groups.Where(x => x.PersonKey == i.PersonId).Select(x => x.Packed).FirstOrDefault())))
                .FirstOrDefaultAsync(ct);
            if (counted is null) continue;
            if (counted.N >= 1L << PackedBits) return null;
            result.AddRange(Unpack(counted.N, counted.Packed).Where(x => x.N > 0).Select(x => new GroupCount(x.G, mode, null, null, x.N)));
        }
        return result;
    }

    private sealed record PackedCount(long N, long Packed);

    /// <summary>The rows under the age (the rest), senior, unknown and turning senior, from a key's count and packed sum.</summary>
    private static (int G, long N)[] Unpack(long n, long packed)
    {
        var (senior, unknown, turning) = (packed & PackedMask, (packed >> PackedBits) & PackedMask, packed >> (2 * PackedBits));
        return [(0, n - senior - unknown - turning), (1, senior), (2, unknown), (3, turning)];
    }

    private const int PackedBits = 21;
    private const long PackedMask = (1L << PackedBits) - 1;
    private const long Senior = 1, Unknown = 1L << PackedBits, Turning = 1L << (2 * PackedBits);

    /// <summary>
    /// SQLite: the organisation's people who are senior all through the period, turning senior in it, or of unknown age,
    /// with their packed count, in a temporary table of this request's connection (dropped on disposal). The per-key
    /// counts look each row's person up in it; with the three sets of people written in each statement instead, SQLite
    /// built them again for each of the nine statements (about 0.1 s each on 200,000 people).
    /// </summary>
    private static async Task<IAsyncDisposable> AgeGroupsAsync(AppDbContext db, DateOnly from, DateOnly to, int seniorAge, CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        var table = new AgeGroupTableLease(db);
        try
        {
            // The tenancy filter written out: these people are the request's organisation's, as the queries' own filter says.
            await db.Database.ExecuteSqlRawAsync($$"""
                DROP TABLE IF EXISTS temp."{{AgeGroupTable}}";
                CREATE TEMP TABLE "{{AgeGroupTable}}" {{AgeGroupColumns}};
                INSERT INTO temp."{{AgeGroupTable}}" ("PersonKey", "Packed")
                SELECT "Id", CASE WHEN "BirthDate" IS NULL THEN {2} WHEN "BirthDate" <= {3} THEN {1} ELSE {4} END
                FROM "Person" WHERE "OrganisationId" = {0} AND ("BirthDate" IS NULL OR "BirthDate" <= {5});
                """,
                [db.Tenant.Required, Senior, Unknown, AgeBands.BornOnOrBeforeForAge(seniorAge, from), Turning, AgeBands.BornOnOrBeforeForAge(seniorAge, to)], ct);
            return table;
        }
        catch
        {
            await table.DisposeAsync();
            throw;
        }
    }

    private sealed class AgeGroupTableLease(AppDbContext db) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            // The connection goes back to SQLite's pool with whatever it holds: the table goes first.
            try { await db.Database.ExecuteSqlRawAsync($"DROP TABLE IF EXISTS temp.\"{AgeGroupTable}\""); }
            finally { await db.Database.CloseConnectionAsync(); }
        }
    }

    /// <summary>Reception contacts counted per channel and reason (and without reason).</summary>
    private static async Task<List<VisitCount>> VisitsByKeyAsync(AppDbContext db, IQueryable<ReceptionVisit> visits, CancellationToken ct)
    {
        var result = new List<VisitCount>();
        foreach (var channel in Enum.GetValues<ContactChannel>())
        {
            var ofChannel = visits.Where(v => v.Channel == channel);
            var perReason = await db.Set<ReceptionReason>().Select(r => new { r.Id, N = (long)ofChannel.Count(v => v.ReasonId == r.Id) }).ToListAsync(ct);
            result.AddRange(perReason.Where(x => x.N > 0).Select(x => new VisitCount(channel, x.Id, x.N)));
            var none = await ofChannel.LongCountAsync(v => v.ReasonId == null, ct);
            if (none > 0) result.Add(new VisitCount(channel, null, none));
        }
        return result;
    }
}
