using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Reception;
using PersonSex = OpenCcas.Domain.People.Sex;

namespace OpenCcas.Domain.Synthetic;

/// <summary>A social worker (or other agent) the generator may give work to; <see cref="Weight"/> makes the demo accounts busier.</summary>
public sealed record StaffMember(Guid Id, Role Role, IReadOnlyList<Guid> TeamIds, Guid? SiteId, int Weight = 1);

/// <summary>
/// What the activity generator needs to know about the organisation: its sites (access-to-rights points first), the
/// team following people under 62, the team following people 62 and over, and the staff.
/// </summary>
public sealed record SyntheticOrganisation(
    Guid OrganisationId,
    IReadOnlyList<Site> Sites,
    Guid UnderSixtyTwoTeamId,
    Guid SeniorsTeamId,
    IReadOnlyList<StaffMember> Staff);

/// <summary>One household made into entities: the household, its people (with their teams), memberships and resources.</summary>
public sealed record SyntheticFile(
    Household Household,
    IReadOnlyList<Person> People,
    IReadOnlyList<HouseholdMember> Members,
    IReadOnlyList<PersonIncome> Incomes,
    IReadOnlyList<PersonCharge> Charges,
    IReadOnlyList<PersonConsent> Consents);

/// <summary>
/// A person as the activity generator sees it (kept small: 200,000 of them stay in memory). <see cref="SiteId"/> is
/// the site of their file when <see cref="Followed"/> (else the site they would go to); <see cref="TeamId"/> the team
/// following them, if any.
/// </summary>
public readonly record struct PersonRef(Guid Id, Guid HouseholdId, int Age, Guid? ReferentId, Guid SiteId, bool Followed, Guid? TeamId = null);

/// <summary>How much activity a year holds. Per person: 3 appointments, 2 interviews and 5 reception contacts at scale 1.</summary>
public sealed record ActivityVolumes(int Appointments, int Interviews, int ReceptionContacts, int OnlineProcedures, int CollectiveSessions, int ActionPlans)
{
    /// <summary>
    /// Volumes for a population of <paramref name="people"/> with <paramref name="perPerson"/> activity rows
    /// (appointments + interviews + reception contacts) per person in the year: 30 % appointments, 20 % interviews,
    /// 50 % contacts, as the access-to-rights points and neighbourhood antennas report them.
    /// </summary>
    public static ActivityVolumes For(int people, double perPerson)
    {
        var total = people * perPerson;
        return new ActivityVolumes(
            Appointments: (int)(total * 0.3), Interviews: (int)(total * 0.2), ReceptionContacts: (int)(total * 0.5),
            OnlineProcedures: (int)(people * 1.25), CollectiveSessions: Math.Max(40, people / 100), ActionPlans: Math.Max(5, people / 80));
    }
}

/// <summary>
/// Deterministic activity of a CCAS over the 12 months before <c>now</c>, and its files: appointments (23 % by phone;
/// 44 % for people 62 and over, 28 % of their interviews at home), interviews, reception contacts, notes, actions,
/// referrals, action plans, collective sessions, online procedures, partners and reception reasons, incomes and
/// charges at French amounts. The same seed and inputs always give the same rows (ids included). Entities are
/// streamed so that a city of 200,000 people and 2,000,000 activity rows keeps memory flat.
/// </summary>
public sealed class SyntheticActivity
{
    /// <summary>Phone appointments (access-to-rights points, 2023): 23 %.</summary>
    public const double PhoneShare = 0.23;
    /// <summary>Appointments with people 62 and over: 3,664 of 8,368 (44 %).</summary>
    public const double SeniorShare = 3664.0 / 8368.0;
    /// <summary>Interviews of people 62 and over held at home: 28 %.</summary>
    public const double SeniorHomeShare = 0.28;

    public const decimal Rsa = 646.52m;
    public const decimal Aah = 1033.32m;
    public const decimal Aspa = 1034.28m;

    private static readonly TimeZoneInfo Paris = FindParis();

    private readonly Random random;
    private readonly Guid org;
    private readonly DateTimeOffset now;
    private readonly DateOnly today;
    private readonly SyntheticOrganisation organisation;
    private int deterministicIds;

    public SyntheticActivity(int seed, DateTimeOffset now, SyntheticOrganisation organisation)
    {
        random = new Random(seed);
        this.now = now.ToUniversalTime();
        today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Paris).DateTime);
        this.organisation = organisation;
        org = organisation.OrganisationId;
        // Ids depend on the seed only (not on the clock), so two runs give the same rows.
        idPrefix = new byte[8];
        new Random(seed ^ 0x5EED).NextBytes(idPrefix);
    }

    private readonly byte[] idPrefix;

    /// <summary>A deterministic, time-ordered-enough id (a version-8 GUID from the seed and a counter).</summary>
    private Guid NewId()
    {
        Span<byte> b = stackalloc byte[16];
        var n = ++deterministicIds;
        // Counter first (big-endian) so that ids of one run sort in creation order like version-7 ids.
        b[0] = (byte)(n >> 24); b[1] = (byte)(n >> 16); b[2] = (byte)(n >> 8); b[3] = (byte)n;
        idPrefix.AsSpan(0, 4).CopyTo(b[4..]);
        b[6] = (byte)(0x80 | (idPrefix[4] & 0x0F));
        b[8] = (byte)(0x80 | (idPrefix[5] & 0x3F));
        idPrefix.AsSpan(4, 4).CopyTo(b[9..]);
        b[13] = (byte)random.Next(256); b[14] = (byte)random.Next(256); b[15] = (byte)random.Next(256);
        return new Guid(b, bigEndian: true);
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];
    private bool Chance(double p) => random.NextDouble() < p;

    private static TimeZoneInfo FindParis()
    {
        try { return TimeZoneInfo.FindSystemTimeZoneById("Europe/Paris"); }
        catch (TimeZoneNotFoundException) { return TimeZoneInfo.CreateCustomTimeZone("CET", TimeSpan.FromHours(1), "CET", "CET"); }
    }

    /// <summary>A Paris working-day time (8:30–17:00, on a quarter hour) <paramref name="daysFromToday"/> days away, in UTC.</summary>
    private DateTimeOffset WorkingTime(int daysFromToday)
    {
        var day = today.AddDays(daysFromToday);
        while (day.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday) day = day.AddDays(daysFromToday < 0 ? -1 : 1);
        var minutes = 8 * 60 + 30 + 15 * random.Next(0, 34);
        var local = day.ToDateTime(new TimeOnly(minutes / 60, minutes % 60));
        return new DateTimeOffset(local, Paris.GetUtcOffset(local)).ToUniversalTime();
    }

    private DateTimeOffset PastWorkingTime() => WorkingTime(-1 - random.Next(365));

    // ---------------------------------------------------------------- organisation lists

    public static readonly string[] ReceptionReasonLabels =
    [
        "Demande d'aide financière", "Accès aux droits (CAF, CPAM, retraite)", "Aide aux démarches en ligne", "Domiciliation, courrier",
        "Logement, hébergement", "Impayés d'énergie ou de loyer", "Aide alimentaire", "Rendez-vous avec un travailleur social",
        "Dossier APA, maintien à domicile", "Renseignements divers", "Dépôt de pièces justificatives", "Transport, carte de bus",
    ];

    public IReadOnlyList<ReceptionReason> ReceptionReasons() =>
        ReceptionReasonLabels.Select((l, i) => new ReceptionReason { Id = NewId(), OrganisationId = org, Label = l, SortOrder = (i + 1) * 10 }).ToList();

    private static readonly (string Name, PartnerKind Kind, string Services)[] PartnerList =
    [
        ("CAF de Côte-d'Or", PartnerKind.Caf, "Prestations familiales, RSA, aides au logement"),
        ("CPAM de Côte-d'Or", PartnerKind.Cpam, "Assurance maladie, complémentaire santé solidaire"),
        ("France Travail Villeneuve", PartnerKind.FranceTravail, "Inscription, accompagnement vers l'emploi"),
        ("Conseil départemental — Maison des solidarités", PartnerKind.Departement, "APA, aide sociale à l'enfance, FSL"),
        ("Préfecture — accueil des étrangers", PartnerKind.Prefecture, "Titres de séjour"),
        ("Centre des finances publiques", PartnerKind.TaxOffice, "Impôts, avis d'imposition"),
        ("Fournisseur d'énergie — service solidarité", PartnerKind.EnergySupplier, "Échéanciers, chèque énergie"),
        ("Office public de l'habitat", PartnerKind.Landlord, "Logement social, plans d'apurement"),
        ("Restos du Cœur — antenne locale", PartnerKind.Association, "Aide alimentaire"),
        ("Secours populaire", PartnerKind.Association, "Aide alimentaire, vestiaire, vacances"),
        ("Croix-Rouge — épicerie sociale", PartnerKind.Association, "Épicerie sociale"),
        ("Centre médico-psychologique", PartnerKind.HealthCentre, "Soins psychiques"),
        ("Centre de santé municipal", PartnerKind.HealthCentre, "Consultations, bilans"),
        ("Point-justice", PartnerKind.Justice, "Consultations juridiques gratuites"),
        ("Association tutélaire départementale", PartnerKind.Association, "Mesures de protection"),
        ("CLIC — coordination gérontologique", PartnerKind.Association, "Information des seniors, évaluation"),
        ("Mission locale", PartnerKind.Association, "Jeunes de 16 à 25 ans"),
        ("Banque de France — surendettement", PartnerKind.Other, "Dossiers de surendettement"),
        ("Service logement de la mairie", PartnerKind.Municipality, "Demandes de logement social"),
        ("France Services", PartnerKind.Other, "Démarches administratives en ligne"),
        ("Association d'aide aux victimes", PartnerKind.Association, "Accompagnement des victimes de violences"),
    ];

    public IReadOnlyList<Partner> Partners() =>
        PartnerList.Select((p, i) => new Partner
        {
            Id = NewId(), OrganisationId = org, Name = p.Name, Kind = p.Kind, Services = p.Services,
            Phone = $"03 80 {50 + i} {random.Next(10, 100)} {random.Next(10, 100)}",
            Email = $"contact{i + 1}@partenaire.exemple.fr",
            ContactName = i % 3 == 0 ? null : $"Service accueil",
        }).ToList();

    // ---------------------------------------------------------------- people files

    private static readonly string[] Cities = ["Villeneuve-sur-Ouche", "Saint-Martin-des-Vignes", "Fontaine-lès-Combes"];

    /// <summary>
    /// Makes a synthetic household into entities: people with file numbers from <paramref name="nextFileNumber"/>,
    /// followed (two thirds of households) by the under-62 or the 62+ team at a site, some with a referent; incomes,
    /// charges and consents of the adults; protection measures and GIR for some seniors. <c>SearchName</c> is left
    /// empty: the caller sets it with the application's own code before saving.
    /// </summary>
    public SyntheticFile File(SyntheticHousehold h, ref int nextFileNumber, List<PersonRef> refs)
    {
        var household = new Household { Id = NewId(), OrganisationId = org, Name = $"Foyer {h.Members[0].LastName.ToUpperInvariant()}", CreatedAt = PastWorkingTime() };
        var people = new List<Person>();
        var members = new List<HouseholdMember>();
        var incomes = new List<PersonIncome>();
        var charges = new List<PersonCharge>();
        var consents = new List<PersonConsent>();
        var headAge = Ages.On(h.Members[0].BirthDate, today);
        var senior = headAge >= 62;
        var followed = Chance(0.68);
        var teamId = senior ? organisation.SeniorsTeamId : organisation.UnderSixtyTwoTeamId;
        var sites = organisation.Sites;
        var site = senior && Chance(0.6) ? sites.FirstOrDefault(s => s.Kind == SiteKind.SeniorsHouse) ?? Pick(sites) : PickAccessPoint();
        var workers = PoolOf("team " + teamId, () => organisation.Staff.Where(s => s.Role == Role.SocialWorker && s.TeamIds.Contains(teamId)));
        Guid? referent = followed && workers.Count > 0 && Chance(0.7) ? PickWeighted(workers).Id : null;
        var created = household.CreatedAt;
        var adults = h.Members.Count(m => Ages.On(m.BirthDate, today) >= 18);

        foreach (var m in h.Members)
        {
            var age = Ages.On(m.BirthDate, today);
            var adult = age >= 18;
            var p = new Person
            {
                Id = NewId(), OrganisationId = org, FileNumber = nextFileNumber++,
                LastName = m.LastName, FirstNames = m.FirstName,
                Sex = m.Sex == Sex.Female ? PersonSex.Female : PersonSex.Male,
                BirthDate = m.BirthDate,
                BirthName = m.Sex == Sex.Female && m.Relationship == "Conjoint" && Chance(0.5) ? Pick(["Moreau", "Garnier", "Roux", "Lemoine", "Faure"]) : null,
                BirthPlace = Chance(0.8) ? Pick(["Dijon (21)", "Beaune (21)", "Lyon (69)", "Paris (75)", "Besançon (25)", "Alger (Algérie)", "Casablanca (Maroc)", "Porto (Portugal)"]) : null,
                Nationality = Chance(0.82) ? NationalityGroup.French : Chance(0.4) ? NationalityGroup.EuropeanUnion : NationalityGroup.OutsideEuropeanUnion,
                Phone = m.Phone, Email = m.Email,
                Address = h.Street, PostalCode = h.PostCode, City = h.Commune,
                NoStableHome = adult && Chance(0.03),
                Housing = senior ? (Chance(0.15) ? HousingSituation.AutonomyResidence : Chance(0.5) ? HousingSituation.SocialTenant : HousingSituation.Owner)
                    : Chance(0.55) ? HousingSituation.SocialTenant : Chance(0.6) ? HousingSituation.PrivateTenant : Chance(0.5) ? HousingSituation.HostedByFamily : HousingSituation.EmergencyShelter,
                Family = !adult ? FamilySituation.Single : h.Shape switch
                {
                    HouseholdShape.CoupleNoChildren or HouseholdShape.CoupleWithChildren => Chance(0.6) ? FamilySituation.Married : FamilySituation.Cohabiting,
                    HouseholdShape.SingleParent => Chance(0.5) ? FamilySituation.Separated : FamilySituation.Divorced,
                    _ => age >= 75 && Chance(0.5) ? FamilySituation.Widowed : FamilySituation.Single,
                },
                Professional = !adult ? ProfessionalSituation.Unknown : age >= 62 ? ProfessionalSituation.Retired
                    : Pick([ProfessionalSituation.JobSeeker, ProfessionalSituation.JobSeeker, ProfessionalSituation.Employed, ProfessionalSituation.Employed,
                        ProfessionalSituation.UnableToWork, ProfessionalSituation.Inactive, ProfessionalSituation.Training]),
                CafNumber = adult && age < 62 && Chance(0.7) ? random.Next(1_000_000, 9_999_999).ToString() : null,
                SiteId = followed ? site.Id : null,
                ReferentId = referent,
                CreatedAt = created, LastOperationAt = created,
            };
            if (adult && age >= 62 && Chance(0.45)) p.GirLevel = Pick([2, 3, 4, 4, 5, 5, 6, 6]);
            if (adult && Chance(age >= 75 ? 0.08 : 0.02))
            {
                p.Protection = Pick([ProtectionMeasure.Curatorship, ProtectionMeasure.ReinforcedCuratorship, ProtectionMeasure.Guardianship, ProtectionMeasure.FamilyHabilitation]);
                p.ProtectionRepresentative = p.Protection == ProtectionMeasure.FamilyHabilitation ? "Un enfant de la personne" : "Association tutélaire départementale";
            }
            if (followed) p.Teams.Add(new PersonTeam { Id = NewId(), OrganisationId = org, PersonId = p.Id, TeamId = teamId });
            people.Add(p);
            members.Add(new HouseholdMember
            {
                Id = NewId(), OrganisationId = org, HouseholdId = household.Id, PersonId = p.Id,
                Role = m.Relationship switch { "Demandeur" => HouseholdRole.ReferencePerson, "Conjoint" => HouseholdRole.Partner, "Enfant" => HouseholdRole.Child, _ => HouseholdRole.OtherRelative },
                Dependant = !adult, JoinedOn = DateOnly.FromDateTime(created.UtcDateTime),
            });
            refs.Add(new PersonRef(p.Id, household.Id, age, referent, site.Id, followed, followed ? teamId : null));
            if (!adult) continue;

            void Income(IncomeKind kind, decimal amount, string? label = null) =>
                incomes.Add(new PersonIncome { Id = NewId(), OrganisationId = org, PersonId = p.Id, Kind = kind, MonthlyAmount = amount, Label = label });
            void Charge(ChargeKind kind, decimal amount, string? label = null) =>
                charges.Add(new PersonCharge { Id = NewId(), OrganisationId = org, PersonId = p.Id, Kind = kind, MonthlyAmount = amount, Label = label });
            decimal Around(int low, int high) => random.Next(low * 100, high * 100) / 100m;

            if (age >= 62)
            {
                if (Chance(0.25)) Income(IncomeKind.Aspa, Aspa, "Allocation de solidarité aux personnes âgées");
                else Income(IncomeKind.RetirementPension, Around(780, 1650), "Retraite de base et complémentaire");
                if (p.Family == FamilySituation.Widowed) Income(IncomeKind.SurvivorPension, Around(250, 600), "Pension de réversion");
            }
            else if (p.Professional == ProfessionalSituation.Employed) { Income(IncomeKind.Salary, Around(900, 1750), "Salaire net"); if (Chance(0.6)) Income(IncomeKind.ActivityBonus, Around(90, 280), "Prime d'activité"); }
            else if (p.Professional == ProfessionalSituation.UnableToWork) Income(IncomeKind.Aah, Aah, "Allocation aux adultes handicapés");
            else if (p.Professional == ProfessionalSituation.JobSeeker && Chance(0.4)) Income(IncomeKind.UnemploymentBenefit, Around(650, 1250), "Allocation chômage (ARE)");
            else if (m.Relationship == "Demandeur") Income(IncomeKind.Rsa, adults > 1 || h.Members.Count > 1 ? Math.Round(Rsa * (h.Members.Count > 2 ? 1.8m : 1.5m), 2) : Rsa, "RSA");
            if (m.Relationship != "Demandeur") continue;
            var children = h.Members.Count(x => x.Relationship == "Enfant");
            if (children >= 2) Income(IncomeKind.FamilyBenefits, children == 2 ? 151.05m : 344.59m, "Allocations familiales");
            if (p.Housing is HousingSituation.SocialTenant or HousingSituation.PrivateTenant or HousingSituation.AutonomyResidence)
            {
                var rent = p.Housing == HousingSituation.PrivateTenant ? Around(480, 720) : Around(320, 560);
                Charge(ChargeKind.Rent, rent, "Loyer charges comprises");
                if (Chance(0.75)) Income(IncomeKind.HousingAid, Around(180, 360), "APL");
            }
            Charge(ChargeKind.Energy, Around(55, 160), "Électricité et gaz");
            Charge(ChargeKind.Water, Around(20, 45));
            Charge(ChargeKind.Insurance, Around(12, 35), "Assurance habitation");
            Charge(ChargeKind.Telephone, Around(15, 45), "Téléphone et internet");
            if (age >= 62 || Chance(0.3)) Charge(ChargeKind.HealthInsurance, Around(35, 120), "Complémentaire santé");
            if (Chance(0.15)) Charge(ChargeKind.DebtRepayment, Around(40, 200), "Plan de surendettement");
        }
        foreach (var p in people.Where(x => x.AgeOn(today) >= 18))
        {
            var given = created.AddMinutes(15);
            consents.Add(new PersonConsent { Id = NewId(), OrganisationId = org, PersonId = p.Id, Kind = ConsentKind.DataProcessing, GivenAt = given });
            if (p.Phone is not null && Chance(0.6)) consents.Add(new PersonConsent { Id = NewId(), OrganisationId = org, PersonId = p.Id, Kind = ConsentKind.SmsReminders, GivenAt = given });
            if (p.Email is not null && Chance(0.5)) consents.Add(new PersonConsent { Id = NewId(), OrganisationId = org, PersonId = p.Id, Kind = ConsentKind.EmailReminders, GivenAt = given });
            if (Chance(0.3)) consents.Add(new PersonConsent { Id = NewId(), OrganisationId = org, PersonId = p.Id, Kind = ConsentKind.ShareWithPartners, GivenAt = given, WithdrawnAt = Chance(0.1) ? given.AddDays(random.Next(10, 200)) : null });
            if (p.AgeOn(today) >= 62 && Chance(0.4)) consents.Add(new PersonConsent { Id = NewId(), OrganisationId = org, PersonId = p.Id, Kind = ConsentKind.HeatwaveRegister, GivenAt = given });
        }
        return new SyntheticFile(household, people, members, incomes, charges, consents);
    }

    private Site[]? accessPoints;

    private Site PickAccessPoint()
    {
        accessPoints ??= organisation.Sites.Where(s => s.Kind == SiteKind.AccessToRightsPoint).ToArray();
        return accessPoints.Length > 0 ? Pick(accessPoints) : Pick(organisation.Sites);
    }

    /// <summary>Staff picked in proportion to their weight in O(log n) (a city has thousands of agents).</summary>
    private sealed class Pool
    {
        public readonly StaffMember[] Members;
        private readonly int[] cumulative;
        public Pool(IEnumerable<StaffMember> members)
        {
            Members = members.ToArray();
            cumulative = new int[Members.Length];
            var sum = 0;
            for (var i = 0; i < Members.Length; i++) cumulative[i] = sum += Math.Max(1, Members[i].Weight);
        }
        public int Count => Members.Length;
        public StaffMember Pick(Random random)
        {
            var roll = random.Next(cumulative[^1]);
            var i = Array.BinarySearch(cumulative, roll + 1);
            return Members[i >= 0 ? i : ~i];
        }
    }

    private readonly Dictionary<string, Pool> pools = [];

    private Pool PoolOf(string key, Func<IEnumerable<StaffMember>> members)
    {
        if (!pools.TryGetValue(key, out var pool)) pools[key] = pool = new Pool(members());
        return pool;
    }

    private StaffMember PickWeighted(Pool pool) => pool.Pick(random);

    /// <summary>The slots already given to each agent, per day: a new appointment must not overlap one of them.</summary>
    private sealed class Agenda
    {
        private readonly Dictionary<(Guid Agent, DateTime Day), List<(DateTimeOffset Start, DateTimeOffset End)>> slots = [];

        public bool TryBook(Guid agent, DateTimeOffset start, DateTimeOffset end)
        {
            var key = (agent, start.UtcDateTime.Date);
            if (!slots.TryGetValue(key, out var day)) slots[key] = day = [];
            foreach (var (s, e) in day) if (s < end && start < e) return false;
            day.Add((start, end));
            return true;
        }
    }

    // ---------------------------------------------------------------- who may open whose file

    /// <summary>The person's file as the access rules see it (the same site, team and referent as the file written).</summary>
    private FileScope ScopeOf(PersonRef p) =>
        new(org, p.Followed ? p.SiteId : null, p.TeamId is { } t ? [t] : [], p.ReferentId);

    private readonly Dictionary<Guid, Actor> actors = [];

    private Actor ActorOf(StaffMember s)
    {
        if (!actors.TryGetValue(s.Id, out var actor))
            actors[s.Id] = actor = new Actor(s.Id, org, organisation.Staff.Where(x => x.Id == s.Id).Select(x => new RoleGrant(x.Role, x.SiteId)),
                organisation.Staff.Where(x => x.Id == s.Id).SelectMany(x => x.TeamIds));
        return actor;
    }

    /// <summary>
    /// Those of <paramref name="candidates"/> who may open this part of the file of <paramref name="p"/>, whoever its
    /// referent: files share a handful of (site, team) pairs, so the pools are made once per pair and stay O(log n) to
    /// pick from. (Being the referent only ever adds access, so the referent is tried on their own, before the pool.)
    /// </summary>
    private Pool OpenersOf(string kind, IReadOnlyList<StaffMember> candidates, PersonRef p, FilePart part)
    {
        var site = p.Followed ? p.SiteId : (Guid?)null;
        return PoolOf($"{kind} {part} {site} {p.TeamId}", () =>
        {
            var scope = new FileScope(org, site, p.TeamId is { } t ? [t] : [], null);
            return candidates.Where(c => AccessRules.CanOpen(ActorOf(c), scope, part));
        });
    }

    /// <summary>
    /// A person of <paramref name="group"/> and an agent of <paramref name="candidates"/> who may open that part of their
    /// file: the person's referent <paramref name="referentShare"/> of the time, else an agent of the file's site and
    /// team. In the demo every appointment, interview and contact of an agent is with a file that agent may open. Null
    /// only when no candidate may open any file of the group (tried 50 times).
    /// </summary>
    private (PersonRef Person, StaffMember Agent)? Meeting(IReadOnlyList<PersonRef> group, string kind, IReadOnlyList<StaffMember> candidates,
        FilePart part, IReadOnlyDictionary<Guid, StaffMember>? referents = null, double referentShare = 0)
    {
        for (var attempt = 0; attempt < 50; attempt++)
        {
            var person = Pick(group);
            if (referents is not null && person.ReferentId is { } r && Chance(referentShare)
                && referents.TryGetValue(r, out var referent) && AccessRules.CanOpen(ActorOf(referent), ScopeOf(person), part))
                return (person, referent);
            var pool = OpenersOf(kind, candidates, person, part);
            if (pool.Count > 0) return (person, PickWeighted(pool));
        }
        return null;
    }

    // ---------------------------------------------------------------- activity

    private static readonly string[] AppointmentSubjects =
    [
        "Point sur la situation", "Demande d'aide financière", "Dossier APA", "Ouverture des droits RSA", "Impayé de loyer",
        "Dossier de surendettement", "Demande de logement social", "Complémentaire santé solidaire", "Aide aux démarches en ligne",
        "Bilan du plan d'aide", "Retraite : constitution du dossier", "Facture d'énergie",
    ];

    private static readonly string[] ActionTitles =
    [
        "Relancer la CAF sur le dossier", "Envoyer le dossier FSL", "Demander l'avis d'imposition", "Appeler le bailleur",
        "Compléter le dossier APA", "Prendre rendez-vous à la CPAM", "Transmettre le dossier de surendettement",
        "Vérifier l'ouverture des droits", "Rappeler la personne", "Préparer la commission d'aide facultative",
    ];

    private static readonly string[] NoteTexts =
    [
        "Entretien de suivi : la situation budgétaire se stabilise, les factures d'énergie sont à jour.",
        "La personne signale des difficultés à se déplacer ; visite à domicile à prévoir.",
        "Dossier de logement social déposé, attente de la commission.",
        "Échange avec la famille sur le maintien à domicile ; mise en place du portage de repas envisagée.",
        "Retard de paiement du loyer de deux mois, plan d'apurement proposé au bailleur.",
        "Accompagnement pour la déclaration trimestrielle RSA, à refaire seul le mois prochain.",
        "Situation de santé fragile évoquée, orientation vers le centre de santé.",
        "Isolement important, inscription proposée aux ateliers de la Maison des seniors.",
    ];

    private static readonly string[] SessionTopics =
    [
        "Atelier budget : gérer ses factures", "Initiation au numérique : créer sa boîte mail", "Prévention des arnaques",
        "Information retraite", "Atelier mémoire", "Café des aidants", "Mes droits en ligne : compte CAF et Ameli",
        "Prévention canicule", "Atelier cuisine à petit budget", "Sortie culturelle", "Gym douce seniors", "Économies d'énergie",
    ];

    /// <summary>
    /// Streams a year of activity for <paramref name="people"/>: entities in an order where every referenced row comes
    /// first (appointment before its interview, interview before its note, action and referral; session before its
    /// participants). Coming appointments over the next 14 days are added for the agents (about 4 % of the year's).
    /// </summary>
    public IEnumerable<object> Activity(IReadOnlyList<PersonRef> people, IReadOnlyList<Guid> partnerIds, IReadOnlyList<Guid> reasonIds, ActivityVolumes volumes)
    {
        if (people.Count == 0) yield break;
        var seniors = people.Where(p => p.Age >= 62).ToArray();
        var younger = people.Where(p => p.Age is >= 18 and < 62).ToArray();
        if (seniors.Length == 0) seniors = people.ToArray();
        if (younger.Length == 0) younger = people.ToArray();
        var workerList = organisation.Staff.Where(s => s.Role == Role.SocialWorker).ToList();
        if (workerList.Count == 0) workerList = organisation.Staff.ToList();
        var workers = new Pool(workerList);
        var deskList = organisation.Staff.Where(s => s.Role is Role.Reception or Role.Instructor).ToList();
        var desk = deskList.Count > 0 ? new Pool(deskList) : workers;
        var byId = workerList.GroupBy(w => w.Id).ToDictionary(g => g.Key, g => g.First());
        var workersBySenior = new Dictionary<bool, Pool>
        {
            [true] = new(workerList.Where(w => w.TeamIds.Contains(organisation.SeniorsTeamId)).DefaultIfEmpty(workerList[0])),
            [false] = new(workerList.Where(w => w.TeamIds.Contains(organisation.UnderSixtyTwoTeamId)).DefaultIfEmpty(workerList[0])),
        };
        var seniorsHouse = organisation.Sites.FirstOrDefault(s => s.Kind == SiteKind.SeniorsHouse)?.Id;
        var followedSeniors = seniors.Where(p => p.Followed).ToArray();
        var followedYounger = younger.Where(p => p.Followed).ToArray();
        if (followedSeniors.Length == 0) followedSeniors = seniors;
        if (followedYounger.Length == 0) followedYounger = younger;
        // An action of a plan without a referent goes to a social worker who may open the file.
        StaffMember PlanAgent(PersonRef p) => OpenersOf("social", workerList, p, FilePart.Social) is { Count: > 0 } pool ? PickWeighted(pool) : PickWeighted(workers);

        // Honoured past appointments become interviews (the interview records what was said); the rest of the
        // interviews are unplanned (a person received without appointment, a home visit after a phone call).
        var agenda = new Agenda();
        var pastHonoured = volumes.Appointments * 0.96 * 0.76;
        var linkShare = Math.Min(1.0, volumes.Interviews * 0.7 / Math.Max(1, pastHonoured));
        var linked = 0;
        var upcoming = (int)Math.Ceiling(volumes.Appointments * 0.04);
        for (var i = 0; i < volumes.Appointments + upcoming; i++)
        {
            var future = i >= volumes.Appointments;
            var senior = Chance(SeniorShare);
            var deskAppointment = !senior && Chance(0.12);
            // An agent meets people whose file they may open: the desk any file of its site, a social worker the
            // files of their teams (the referent most often).
            var meeting = deskAppointment
                ? Meeting(younger, "desk", deskList, FilePart.Identity)
                : Meeting(senior ? followedSeniors : followedYounger, "social", workerList, FilePart.Social, byId, 0.8);
            var (person, agent) = meeting ?? (senior ? Pick(seniors) : Pick(younger), deskAppointment ? PickWeighted(desk) : PickWeighted(workersBySenior[senior]));
            var mode = Mode(senior, deskAppointment);
            var duration = mode == AppointmentMode.Home ? 60 : mode == AppointmentMode.Phone ? 30 : Pick([30, 45, 45, 60]);
            // No double booking, as the application refuses it: another slot while this one overlaps the agent's day.
            DateTimeOffset start;
            var tries = 0;
            do start = future ? WorkingTime(1 + random.Next(0, 14)) : PastWorkingTime();
            while (!agenda.TryBook(agent.Id, start, start.AddMinutes(duration)) && ++tries < 500);
            if (tries == 500) continue; // an agent booked solid for the whole year: the appointment is not made
            var status = future ? AppointmentStatus.Planned : random.Next(100) switch
            {
                < 76 => AppointmentStatus.Honoured, < 86 => AppointmentStatus.NoShow, < 93 => AppointmentStatus.Excused, _ => AppointmentStatus.Cancelled,
            };
            var appointment = new Appointment
            {
                Id = NewId(), OrganisationId = org, SiteId = agent.SiteId ?? (senior && mode == AppointmentMode.Home && seniorsHouse is { } sh ? sh : person.SiteId),
                AgentId = agent.Id, PersonId = person.Id, Start = start, End = start.AddMinutes(duration), Mode = mode, Status = status,
                Subject = deskAppointment ? "Aide aux démarches en ligne" : Pick(AppointmentSubjects),
                CreatedAt = start.AddDays(-random.Next(1, 21)),
                ReminderSentAt = !future && Chance(0.5) ? start.AddDays(-1) : null,
            };
            if (appointment.CreatedAt > now) appointment.CreatedAt = now.AddMinutes(-random.Next(10, 600));
            yield return appointment;
            if (status == AppointmentStatus.Honoured && !deskAppointment && linked < volumes.Interviews && Chance(linkShare))
            {
                linked++;
                foreach (var e in InterviewAndFollowUp(person, agent, appointment.SiteId, start, (InterviewMode)(int)mode, duration, appointment.Id, partnerIds)) yield return e;
            }
        }
        for (var i = linked; i < volumes.Interviews; i++)
        {
            var senior = Chance(SeniorShare);
            var (person, agent) = Meeting(senior ? followedSeniors : followedYounger, "social", workerList, FilePart.Social, byId, 0.5)
                ?? (senior ? Pick(seniors) : Pick(younger), PickWeighted(workersBySenior[senior]));
            var mode = (InterviewMode)(int)Mode(senior, false);
            foreach (var e in InterviewAndFollowUp(person, agent, person.SiteId, PastWorkingTime(), mode, mode == InterviewMode.Home ? 60 : Pick([20, 30, 45]), null, partnerIds)) yield return e;
        }

        // Reception contacts: visits and calls at the desk, a fifth anonymous.
        for (var i = 0; i < volumes.ReceptionContacts; i++)
        {
            var meeting = Chance(0.8) ? Meeting(people, "desk", deskList, FilePart.Identity) : null;
            var known = meeting is not null;
            var (person, agent) = meeting ?? (default(PersonRef), PickWeighted(desk));
            var channel = random.Next(100) switch { < 55 => ContactChannel.Visit, < 90 => ContactChannel.Phone, < 97 => ContactChannel.Email, _ => ContactChannel.Mail };
            yield return new ReceptionVisit
            {
                Id = NewId(), OrganisationId = org, SiteId = agent.SiteId ?? (known ? person.SiteId : PickAccessPoint().Id), At = PastWorkingTime(),
                Channel = channel, ReasonId = reasonIds.Count > 0 && Chance(0.95) ? Pick(reasonIds) : null, PersonId = known ? person.Id : null,
                Outcome = random.Next(100) switch
                {
                    < 40 => ReceptionOutcome.Information, < 55 => ReceptionOutcome.AppointmentGiven, < 70 => ReceptionOutcome.Referral,
                    < 85 => ReceptionOutcome.ProcedureDone, < 95 => ReceptionOutcome.DocumentHandedOver, _ => ReceptionOutcome.Other,
                },
                AgentId = agent.Id,
            };
        }

        // Digital help: online procedures at the access-to-rights points.
        for (var i = 0; i < volumes.OnlineProcedures; i++)
        {
            var meeting = Chance(0.85) ? Meeting(people, "desk", deskList, FilePart.Identity) : null;
            var known = meeting is not null;
            var (person, agent) = meeting ?? (default(PersonRef), PickWeighted(desk));
            var organism = random.Next(100) switch
            {
                < 30 => ProcedureOrganism.Caf, < 45 => ProcedureOrganism.Cpam, < 57 => ProcedureOrganism.FranceTravail, < 65 => ProcedureOrganism.Prefecture,
                < 74 => ProcedureOrganism.Taxes, < 80 => ProcedureOrganism.EnergySupplier, < 86 => ProcedureOrganism.Carsat, < 92 => ProcedureOrganism.Housing,
                < 96 => ProcedureOrganism.Departement, _ => ProcedureOrganism.Other,
            };
            yield return new OnlineProcedure
            {
                Id = NewId(), OrganisationId = org, PersonId = known ? person.Id : null, SiteId = agent.SiteId ?? PickAccessPoint().Id, AgentId = agent.Id,
                At = PastWorkingTime(), Organism = organism,
                Help = random.Next(100) switch { < 55 => ProcedureHelp.Accompanied, < 85 => ProcedureHelp.DoneForPerson, _ => ProcedureHelp.SelfService },
                Description = organism switch
                {
                    ProcedureOrganism.Caf => Pick(["Déclaration trimestrielle RSA", "Création du compte CAF", "Demande d'aide au logement"]),
                    ProcedureOrganism.Cpam => Pick(["Création du compte Ameli", "Demande de complémentaire santé solidaire", "Attestation de droits"]),
                    ProcedureOrganism.FranceTravail => "Actualisation mensuelle",
                    ProcedureOrganism.Prefecture => "Rendez-vous titre de séjour",
                    ProcedureOrganism.Taxes => "Déclaration de revenus en ligne",
                    _ => "Démarche en ligne accompagnée",
                },
            };
        }

        // Collective actions: workshops with named and anonymous participants.
        var facilitators = new Pool(workerList.Concat(organisation.Staff.Where(s => s.Role == Role.Volunteer)));
        for (var i = 0; i < volumes.CollectiveSessions; i++)
        {
            var forSeniors = Chance(0.5);
            var session = new CollectiveSession
            {
                Id = NewId(), OrganisationId = org, Topic = Pick(SessionTopics),
                At = i < volumes.CollectiveSessions / 20 ? WorkingTime(random.Next(1, 30)) : PastWorkingTime(),
                DurationMinutes = Pick([90, 120, 120, 180]), SiteId = forSeniors && seniorsHouse is { } sh ? sh : PickAccessPoint().Id,
                FacilitatorId = PickWeighted(facilitators).Id, AnonymousParticipants = random.Next(0, 6),
            };
            yield return session;
            if (session.At > now) continue;
            var pool = forSeniors ? seniors : younger;
            var count = Math.Min(pool.Length, random.Next(3, 13));
            var chosen = new HashSet<Guid>();
            for (var k = 0; k < count * 3 && chosen.Count < count; k++) chosen.Add(Pick(pool).Id);
            foreach (var id in chosen) yield return new CollectiveParticipant { Id = NewId(), OrganisationId = org, CollectiveSessionId = session.Id, PersonId = id };
        }

        // Action plans: agreed with followed people, two or three goals of one to three actions.
        var followed = people.Where(p => p.Followed && p.Age >= 18).ToArray();
        if (followed.Length == 0) followed = people.ToArray();
        for (var i = 0; i < volumes.ActionPlans; i++)
        {
            var person = Pick(followed);
            var started = today.AddDays(-random.Next(15, 330));
            var plan = new ActionPlan
            {
                Id = NewId(), OrganisationId = org, PersonId = person.Id, HouseholdId = Chance(0.5) ? person.HouseholdId : null,
                Title = Pick(["Retrouver un budget équilibré", "Accéder à un logement adapté", "Maintien à domicile", "Insertion professionnelle", "Résorber les dettes de loyer"]),
                StartedOn = started, Status = Chance(0.75) ? PlanStatus.Active : Chance(0.7) ? PlanStatus.Achieved : PlanStatus.Abandoned,
            };
            yield return plan;
            var goals = random.Next(2, 4);
            for (var g = 0; g < goals; g++)
            {
                var goal = new PlanGoal
                {
                    Id = NewId(), OrganisationId = org, ActionPlanId = plan.Id, Status = plan.Status == PlanStatus.Active ? (Chance(0.3) ? PlanStatus.Achieved : PlanStatus.Active) : plan.Status,
                    Title = Pick(["Payer le loyer courant", "Ouvrir les droits à la complémentaire santé", "Constituer le dossier de logement", "Mettre en place une aide à domicile", "Rembourser la dette d'énergie", "S'inscrire à France Travail"]),
                };
                yield return goal;
                var actions = random.Next(1, 4);
                for (var a = 0; a < actions; a++)
                {
                    var due = started.AddDays(random.Next(10, 120));
                    var mine = Chance(0.5);
                    yield return new PlanAction
                    {
                        Id = NewId(), OrganisationId = org, PlanGoalId = goal.Id, Title = Pick(ActionTitles), DueOn = due,
                        Who = mine ? null : Pick(["La personne", "CAF", "Le bailleur", "Sa fille"]),
                        AgentId = mine ? person.ReferentId ?? PlanAgent(person).Id : null,
                        Status = due < today ? (Chance(0.8) ? ActionStatus.Done : ActionStatus.InProgress) : ActionStatus.ToDo,
                    };
                }
            }
        }
    }

    private AppointmentMode Mode(bool senior, bool desk)
    {
        // Phone 23 % for everyone; home visits 28 % of the seniors' meetings, rare otherwise; the rest at the office.
        var roll = random.NextDouble();
        if (roll < PhoneShare) return AppointmentMode.Phone;
        roll -= PhoneShare;
        if (desk) return AppointmentMode.Office;
        if (senior) return roll < SeniorHomeShare ? AppointmentMode.Home : AppointmentMode.Office;
        return roll < 0.03 ? AppointmentMode.Home : roll < 0.05 ? AppointmentMode.Video : AppointmentMode.Office;
    }

    private IEnumerable<object> InterviewAndFollowUp(PersonRef person, StaffMember agent, Guid siteId, DateTimeOffset at, InterviewMode mode, int minutes, Guid? appointmentId, IReadOnlyList<Guid> partnerIds)
    {
        var subjects = InterviewSubjects.None;
        var count = random.Next(1, 4);
        for (var k = 0; k < count; k++)
            subjects |= person.Age >= 62
                ? Pick([InterviewSubjects.Health, InterviewSubjects.Isolation, InterviewSubjects.Rights, InterviewSubjects.Housing, InterviewSubjects.Budget, InterviewSubjects.Mobility])
                : Pick([InterviewSubjects.Budget, InterviewSubjects.Housing, InterviewSubjects.Employment, InterviewSubjects.Rights, InterviewSubjects.Family, InterviewSubjects.Food, InterviewSubjects.Digital]);
        var team = agent.TeamIds.Contains(person.Age >= 62 ? organisation.SeniorsTeamId : organisation.UnderSixtyTwoTeamId)
            ? (person.Age >= 62 ? organisation.SeniorsTeamId : organisation.UnderSixtyTwoTeamId) : agent.TeamIds.FirstOrDefault();
        var interview = new Interview
        {
            Id = NewId(), OrganisationId = org, PersonId = person.Id, HouseholdId = person.HouseholdId, AgentId = agent.Id, SiteId = siteId,
            TeamId = team == Guid.Empty ? null : team, AppointmentId = appointmentId, At = at, DurationMinutes = minutes, Mode = mode, Subjects = subjects,
            Summary = Chance(0.6) ? Pick(NoteTexts) : null,
        };
        yield return interview;
        if (Chance(0.35))
        {
            var roll = random.Next(100);
            yield return new Note
            {
                Id = NewId(), OrganisationId = org, PersonId = person.Id, InterviewId = interview.Id, AuthorId = agent.Id,
                Confidentiality = roll < 50 ? NoteConfidentiality.File : roll < 85 ? NoteConfidentiality.Team : NoteConfidentiality.Private,
                Sensitive = Chance(0.1), Text = Pick(NoteTexts), CreatedAt = at.AddMinutes(minutes + 10),
            };
        }
        if (Chance(0.25))
        {
            var due = DateOnly.FromDateTime(at.UtcDateTime).AddDays(random.Next(5, 40));
            var status = due < today
                ? random.Next(100) switch { < 82 => ActionStatus.Done, < 92 => ActionStatus.ToDo, < 97 => ActionStatus.InProgress, _ => ActionStatus.Cancelled }
                : Chance(0.7) ? ActionStatus.ToDo : ActionStatus.InProgress;
            yield return new FollowUpAction
            {
                Id = NewId(), OrganisationId = org, PersonId = person.Id, InterviewId = interview.Id, AssigneeId = agent.Id,
                Title = Pick(ActionTitles), DueOn = due, Status = status,
                DoneAt = status == ActionStatus.Done ? new DateTimeOffset(due.AddDays(-random.Next(0, 5)).ToDateTime(new TimeOnly(10, 0)), TimeSpan.Zero) : null,
            };
        }
        if (partnerIds.Count > 0 && Chance(0.15))
            yield return new Referral
            {
                Id = NewId(), OrganisationId = org, PersonId = person.Id, PartnerId = Pick(partnerIds), InterviewId = interview.Id, AgentId = agent.Id,
                On = DateOnly.FromDateTime(at.UtcDateTime), Reason = Pick(["Ouverture de droits", "Aide alimentaire", "Conseil juridique", "Soins", "Dette de logement"]),
            };
    }
}
