using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.People.Rights;
using PdfSharp.Pdf.IO;

namespace OpenCcas.Web.Tests.People;

/// <summary>The right of access: one export holds every record about the person, and nothing about anybody else.</summary>
public sealed class RightsExportTests(AppFixture app) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private Guid subject, other, privateNote, fileNote;

    public async ValueTask InitializeAsync()
    {
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var org = app.A.Id;
        var agent = app.A.UserIds[Role.SocialWorker];
        var manager = app.A.UserIds[Role.Manager];
        var site = app.A.SiteIds[0];
        if (await db.Set<Person>().FirstOrDefaultAsync(x => x.FileNumber == 8101) is { } existing)
        {
            subject = existing.Id;
            other = (await db.Set<Person>().FirstAsync(x => x.FileNumber == 8102)).Id;
            privateNote = (await db.Set<Note>().FirstAsync(n => n.PersonId == subject && n.Text == "note privée SUJET")).Id;
            fileNote = (await db.Set<Note>().FirstAsync(n => n.PersonId == subject && n.Text == "note dossier SUJET")).Id;
            return;
        }
        Person New(int n, string last, string first) => new()
        {
            OrganisationId = org, FileNumber = n, LastName = last, FirstNames = first, BirthDate = new DateOnly(1960, 2, 3), SiteId = site,
            Phone = "06 11 22 33 44", Nir = "1600275123456",
        };
        var p = New(8101, "Accès", "Dorothée");
        var o = New(8102, "Autrui", "Zébulon");
        p.Teams.Add(new PersonTeam { OrganisationId = org, TeamId = app.A.TeamIds[0] });
        db.AddRange(p, o);
        var household = new Household { OrganisationId = org, Name = "Foyer ACCÈS" };
        household.Members.Add(new HouseholdMember { OrganisationId = org, PersonId = p.Id, JoinedOn = new DateOnly(2020, 1, 1), LeftOn = new DateOnly(2022, 1, 1) });
        var household2 = new Household { OrganisationId = org, Name = "Foyer AUTRUI" };
        household2.Members.Add(new HouseholdMember { OrganisationId = org, PersonId = p.Id, JoinedOn = new DateOnly(2022, 1, 1) });
        household2.Members.Add(new HouseholdMember { OrganisationId = org, PersonId = o.Id, JoinedOn = new DateOnly(2022, 1, 1) });
        db.AddRange(household, household2);
        foreach (var who in new[] { p, o })
        {
            var tag = who == p ? "SUJET" : "AUTRE";
            db.Add(new PersonIncome { OrganisationId = org, PersonId = who.Id, Kind = IncomeKind.Aah, MonthlyAmount = 1016.05m, Label = $"revenu {tag}" });
            db.Add(new PersonCharge { OrganisationId = org, PersonId = who.Id, Kind = ChargeKind.Rent, MonthlyAmount = 400, Label = $"charge {tag}" });
            db.Add(new PersonConsent { OrganisationId = org, PersonId = who.Id, Kind = ConsentKind.SmsReminders, GivenAt = DateTimeOffset.UtcNow });
            db.Add(new PersonDocument { OrganisationId = org, PersonId = who.Id, Title = $"Document {tag}", FileName = "a.pdf", ContentType = "application/pdf", Size = 3 });
            var reason = new ReceptionReason { OrganisationId = org, Label = $"Motif {tag}" };
            db.Add(reason);
            db.Add(new ReceptionVisit { OrganisationId = org, SiteId = site, PersonId = who.Id, ReasonId = reason.Id, Comment = $"passage {tag}" });
            var appointment = new Appointment { OrganisationId = org, SiteId = site, AgentId = agent, PersonId = who.Id, Start = DateTimeOffset.UtcNow.AddDays(3), End = DateTimeOffset.UtcNow.AddDays(3).AddHours(1), Subject = $"rdv {tag}" };
            db.Add(appointment);
            db.Add(new AppointmentReminder { OrganisationId = org, AppointmentId = appointment.Id, Recipient = $"rappel-{tag}@exemple.fr" });
            var interview = new Interview { OrganisationId = org, PersonId = who.Id, AgentId = agent, SiteId = site, At = DateTimeOffset.UtcNow, Summary = $"entretien {tag}" };
            db.Add(interview);
            var noteFile = new Note { OrganisationId = org, PersonId = who.Id, InterviewId = interview.Id, AuthorId = agent, Confidentiality = OpenCcas.Domain.Platform.NoteConfidentiality.File, Text = $"note dossier {tag}" };
            var notePrivate = new Note { OrganisationId = org, PersonId = who.Id, AuthorId = agent, Confidentiality = OpenCcas.Domain.Platform.NoteConfidentiality.Private, Text = $"note privée {tag}" };
            var noteMine = new Note { OrganisationId = org, PersonId = who.Id, AuthorId = manager, Confidentiality = OpenCcas.Domain.Platform.NoteConfidentiality.Private, Text = $"note privée du responsable {tag}" };
            db.AddRange(noteFile, notePrivate, noteMine);
            if (who == p) (privateNote, fileNote) = (notePrivate.Id, noteFile.Id);
            db.Add(new FollowUpAction { OrganisationId = org, PersonId = who.Id, AssigneeId = agent, Title = $"action {tag}" });
            var partner = new Partner { OrganisationId = org, Name = $"Partenaire {tag}" };
            db.Add(partner);
            db.Add(new Referral { OrganisationId = org, PersonId = who.Id, PartnerId = partner.Id, AgentId = agent, On = new DateOnly(2025, 1, 1), Reason = $"orientation {tag}" });
            var plan = new ActionPlan { OrganisationId = org, PersonId = who.Id, Title = $"plan {tag}", StartedOn = new DateOnly(2025, 1, 1) };
            var goal = new PlanGoal { OrganisationId = org, Title = $"objectif {tag}" };
            goal.Actions.Add(new PlanAction { OrganisationId = org, Title = $"étape {tag}" });
            plan.Goals.Add(goal);
            db.Add(plan);
            var session = new CollectiveSession { OrganisationId = org, Topic = $"atelier {tag}", At = DateTimeOffset.UtcNow, SiteId = site, FacilitatorId = agent };
            session.Participants.Add(new CollectiveParticipant { OrganisationId = org, PersonId = who.Id });
            db.Add(session);
            db.Add(new OnlineProcedure { OrganisationId = org, PersonId = who.Id, SiteId = site, AgentId = agent, At = DateTimeOffset.UtcNow, Description = $"démarche {tag}" });
        }
        await db.SaveChangesAsync();
        (subject, other) = (p.Id, o.Id);
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    [Fact]
    public async Task The_json_export_holds_every_person_linked_record_and_nothing_of_another_person()
    {
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var response = await manager.GetAsync($"/personnes/{subject}/export.json");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync();
        var json = JsonDocument.Parse(text).RootElement;
        json.GetProperty("person").GetProperty("LastName").GetString().ShouldBe("Accès");
        json.GetProperty("organisation").GetString().ShouldBe("Organisation A");
        var sections = json.GetProperty("sections").EnumerateArray().ToDictionary(s => s.GetProperty("type").GetString()!, s => s.GetProperty("rows").GetArrayLength());

        // Every entity type with a PersonId (whatever module declares it): as many rows as the database holds for the person.
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var type in PersonDataExport.PersonLinkedTypes(db))
            {
                var count = await CountAsync(db, type.ClrType, subject);
                if (count == 0) continue;
                sections.ShouldContainKey(type.ClrType.Name);
                sections[type.ClrType.Name].ShouldBe(count, type.ClrType.Name);
            }
        }
        foreach (var type in new[] { "PersonTeam", "PersonIncome", "PersonCharge", "PersonConsent", "PersonDocument", "HouseholdMember", "Household",
                     "ReceptionVisit", "Appointment", "AppointmentReminder", "Interview", "Note", "FollowUpAction", "Referral", "Partner",
                     "ActionPlan", "PlanGoal", "PlanAction", "CollectiveParticipant", "CollectiveSession", "OnlineProcedure" })
            sections.ShouldContainKey(type);
        sections["HouseholdMember"].ShouldBe(2); // the history of memberships
        sections["Household"].ShouldBe(2);
        sections["Note"].ShouldBe(3);
        foreach (var mine in new[] { "revenu SUJET", "entretien SUJET", "étape SUJET", "atelier SUJET", "rappel-SUJET@exemple.fr", "démarche SUJET", "note dossier SUJET", "note privée du responsable SUJET" })
            text.ShouldContain(mine);
        text.ShouldNotContain("AUTRE");
        text.ShouldNotContain("Zébulon");
        text.ShouldNotContain(other.ToString());
        // A private note of another author: listed, its text withheld (see PersonDataExport).
        text.ShouldNotContain("note privée SUJET");
        text.ShouldContain(privateNote.ToString());
        text.ShouldContain(fileNote.ToString());
        // The access log of the file includes this export.
        json.GetProperty("accessLog").EnumerateArray().ShouldContain(e => e.GetProperty("Action").GetString() == "Export");
    }

    private static async Task<int> CountAsync(AppDbContext db, Type type, Guid personId) =>
        await (Task<int>)typeof(RightsExportTests).GetMethod(nameof(CountTypedAsync), System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Static)!
            .MakeGenericMethod(type).Invoke(null, [db, personId])!;

    private static Task<int> CountTypedAsync<T>(AppDbContext db, Guid personId) where T : class =>
        db.Set<T>().CountAsync(e => EF.Property<Guid?>(e, "PersonId") == personId);

    [Fact]
    public async Task The_pdf_is_a_readable_pdf_with_pages_and_the_export_is_audited()
    {
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var response = await manager.GetAsync($"/personnes/{subject}/export.pdf");
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await response.Content.ReadAsByteArrayAsync();
        System.Text.Encoding.ASCII.GetString(bytes, 0, 5).ShouldBe("%PDF-");
        using var pdf = PdfReader.Open(new MemoryStream(bytes), PdfDocumentOpenMode.Import);
        pdf.PageCount.ShouldBeGreaterThan(1);
        pdf.Info.Title.ShouldBe("Vos données détenues par Organisation A");

        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        (await db.AuditEntries.AnyAsync(e => e.Action == OpenCcas.Domain.Audit.AuditAction.Export && e.EntityType == "Person"
            && e.EntityId == subject.ToString() && e.Details!.Contains("PDF"))).ShouldBeTrue();
    }

    [Fact]
    public async Task Api_export_and_refusals()
    {
        var token = await AppFixture.CreateTokenAsync(await app.SignedInAsync(app.A, Role.Manager), Role.Manager);
        var api = app.BearerClient(token.Secret);
        var ok = await api.GetFromJsonAsync<JsonElement>($"/api/people/{subject}/export");
        ok.GetProperty("personId").GetGuid().ShouldBe(subject);
        (await api.GetAsync($"/api/people/{Guid.NewGuid()}/export")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        foreach (var role in new[] { Role.SocialWorker, Role.Reception, Role.Instructor, Role.StatsReader, Role.Admin, Role.Volunteer })
        {
            var client = await app.SignedInAsync(app.A, role);
            (await client.GetAsync($"/api/people/{subject}/export")).StatusCode.ShouldBe(HttpStatusCode.Forbidden, role.ToString());
            var page = await client.GetAsync($"/personnes/{subject}/export.pdf");
            page.StatusCode.ShouldBe(HttpStatusCode.Redirect, role.ToString());
            page.Headers.Location!.OriginalString.ShouldContain("/acces-refuse");
        }
    }
}
