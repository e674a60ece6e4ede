using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Reception;
using OpenCcas.Web.FollowUp.Statistics;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.People.Retention;

namespace OpenCcas.Web.Tests.People;

/// <summary>Retention of person files (data-protection.md): review list a month before, extension, anonymisation keeping the statistics.</summary>
public sealed class RetentionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static int number = 7000;
    private static readonly RetentionRules Rules = new();

    private async Task<Person> PersonAsync(string lastName, DateTimeOffset lastOperation, Action<AppDbContext, Person>? records = null)
    {
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var person = new Person
        {
            OrganisationId = app.A.Id, FileNumber = Interlocked.Increment(ref number), LastName = lastName, FirstNames = "Camille",
            BirthDate = new DateOnly(1980, 5, 5), BirthPlace = "Dijon", Phone = "06 12 34 56 78", Email = "camille@exemple.fr",
            Address = "1 rue des Lilas", Nir = "1800521231234", CafNumber = "1234567", Sex = Sex.Female, Family = FamilySituation.Divorced,
            Housing = HousingSituation.SocialTenant, SiteId = app.A.SiteIds[0], CreatedAt = lastOperation, LastOperationAt = lastOperation,
        };
        person.SearchName = OpenCcas.Web.People.PersonNames.SearchKey(person);
        person.Teams.Add(new PersonTeam { OrganisationId = app.A.Id, TeamId = app.A.TeamIds[0] });
        db.Add(person);
        records?.Invoke(db, person);
        await db.SaveChangesAsync();
        return person;
    }

    private void History(AppDbContext db, Person p, DateTimeOffset at)
    {
        var org = app.A.Id;
        var agent = app.A.UserIds[Role.SocialWorker];
        var interview = new Interview { OrganisationId = org, PersonId = p.Id, AgentId = agent, SiteId = app.A.SiteIds[0], TeamId = app.A.TeamIds[0], At = at, Mode = InterviewMode.Home, Summary = $"Résumé {p.LastName}" };
        db.Add(interview);
        db.Add(new Note { OrganisationId = org, PersonId = p.Id, InterviewId = interview.Id, AuthorId = agent, Confidentiality = OpenCcas.Domain.Platform.NoteConfidentiality.File, Text = $"Note sur {p.LastName}", CreatedAt = at });
        var appointment = new Appointment { OrganisationId = org, PersonId = p.Id, AgentId = agent, SiteId = app.A.SiteIds[0], Start = at, End = at.AddHours(1), Status = AppointmentStatus.Honoured, Subject = $"RDV {p.LastName}", CreatedAt = at };
        db.Add(appointment);
        db.Add(new AppointmentReminder { OrganisationId = org, AppointmentId = appointment.Id, Recipient = "camille@exemple.fr", SentAt = at });
        db.Add(new ReceptionVisit { OrganisationId = org, PersonId = p.Id, SiteId = app.A.SiteIds[0], At = at, Comment = $"Passage {p.LastName}" });
        db.Add(new PersonIncome { OrganisationId = org, PersonId = p.Id, Kind = IncomeKind.Rsa, MonthlyAmount = 635.71m, Label = "RSA de Camille" });
        db.Add(new PersonConsent { OrganisationId = org, PersonId = p.Id, Kind = ConsentKind.DataProcessing, GivenAt = at });
        var document = new PersonDocument { OrganisationId = org, PersonId = p.Id, Title = $"Bail {p.LastName}", FileName = "bail.pdf", ContentType = "application/pdf", Size = 4, UploadedAt = at };
        db.Add(document);
        db.Add(new DocumentContent { Id = document.Id, OrganisationId = org, Bytes = "%PDF"u8.ToArray() });
        var household = new Household { OrganisationId = org, Name = $"Foyer {p.LastName.ToUpperInvariant()}", CreatedAt = at };
        household.Members.Add(new HouseholdMember { OrganisationId = org, PersonId = p.Id, JoinedOn = DateOnly.FromDateTime(at.UtcDateTime) });
        db.Add(household);
    }

    private async Task<string> StatisticsJsonAsync(DateOnly from, DateOnly to)
    {
        using var scope = app.ScopeFor(app.A.Id);
        var report = await StatisticsQuery.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), new StatisticsFilter(from, to), 62, false);
        return JsonSerializer.Serialize(StatisticsExports.Dto(report));
    }

    [Fact]
    public async Task A_file_untouched_for_25_months_is_anonymised_and_the_statistics_do_not_change()
    {
        var then = DateTimeOffset.UtcNow.AddMonths(-25);
        var person = await PersonAsync("Oubli", then, (db, p) => History(db, p, then));
        var recent = await PersonAsync("Récent", then, (db, p) => History(db, p, DateTimeOffset.UtcNow.AddMonths(-1)));
        var year = then.ToParis().Year;
        var before = await StatisticsJsonAsync(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));

        using (var scope = app.ScopeFor(app.A.Id, RetentionJob.ActorName))
        {
            var report = await RetentionRunner.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Rules, DateTimeOffset.UtcNow, dryRun: false);
            report.FileNumbers.ShouldContain(person.FileNumber);
            report.FileNumbers.ShouldNotContain(recent.FileNumber);
        }

        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var p = await db.Set<Person>().SingleAsync(x => x.Id == person.Id);
            p.Status.ShouldBe(PersonStatus.Anonymised);
            p.LastName.ShouldBe(RetentionRunner.Anonymous);
            p.FirstNames.ShouldBe("");
            (p.Phone, p.Email, p.Address, p.Nir, p.CafNumber, p.BirthPlace).ShouldBe((null, null, null, null, null, null));
            p.SearchName.ShouldBe("");
            p.BirthDate.ShouldBe(new DateOnly(1980, 1, 1));
            (p.Sex, p.Family, p.Housing).ShouldBe((Sex.Female, FamilySituation.Divorced, HousingSituation.SocialTenant));
            (await db.Set<Interview>().SingleAsync(i => i.PersonId == p.Id)).Summary.ShouldBeNull();
            (await db.Set<Note>().SingleAsync(n => n.PersonId == p.Id)).Text.ShouldBe("");
            (await db.Set<ReceptionVisit>().SingleAsync(v => v.PersonId == p.Id)).Comment.ShouldBeNull();
            var income = await db.Set<PersonIncome>().SingleAsync(i => i.PersonId == p.Id);
            (income.MonthlyAmount, income.Label).ShouldBe((635.71m, null));
            (await db.Set<PersonDocument>().AnyAsync(d => d.PersonId == p.Id)).ShouldBeFalse();
            (await db.Set<DocumentContent>().CountAsync()).ShouldBe(await db.Set<PersonDocument>().CountAsync());
            (await db.Set<PersonConsent>().AnyAsync(c => c.PersonId == p.Id)).ShouldBeFalse();
            var appointment = await db.Set<Appointment>().SingleAsync(a => a.PersonId == p.Id);
            (appointment.Subject, appointment.Status).ShouldBe((null, AppointmentStatus.Honoured));
            (await db.Set<AppointmentReminder>().SingleAsync(r => r.AppointmentId == appointment.Id)).Recipient.ShouldBe(RetentionRunner.Anonymous);
            (await db.Set<Household>().SingleAsync(h => h.Members.Any(m => m.PersonId == p.Id))).Name.ShouldBe("Ménage anonymisé");
            // Audited, without the old values.
            var lines = await db.AuditEntries.Where(e => e.UserName == RetentionJob.ActorName).ToListAsync();
            lines.ShouldContain(e => e.EntityType == "Person" && e.EntityId == p.Id.ToString() && e.Details!.Contains("Anonymised"));
            lines.ShouldNotContain(e => e.Details!.Contains("Oubli") || e.Details.Contains("1800521231234") || e.Details.Contains("camille@exemple.fr") || e.Details.Contains("Bail"));

            var kept = await db.Set<Person>().SingleAsync(x => x.Id == recent.Id);
            (kept.Status, kept.LastName).ShouldBe((PersonStatus.Active, "Récent"));
        }
        (await StatisticsJsonAsync(new DateOnly(year, 1, 1), new DateOnly(year, 12, 31))).ShouldBe(before);
    }

    [Fact]
    public async Task Anonymising_a_file_anonymises_its_past_audit_lines_and_leaves_the_others_intact()
    {
        var then = DateTimeOffset.UtcNow.AddMonths(-26);
        var org = app.A.Id;
        var agent = app.A.UserIds[Role.SocialWorker];
        var pdf = "%PDF-zorglub"u8.ToArray();
        // What must leave the log: the person's names, contact details, identifiers, and the texts of their records.
        string[] personal =
        [
            "Zorglub", "Vantardi", "Anatolia", "Pontarlier", "06 98 76 54 32", "06 11 22 33 44", "zorglub.anatolia@exemple.fr",
            "2750521231299", "7654321", "Tilleuls", "anatolia.sms@exemple.fr",
        ];
        var witness = await PersonAsync("Temoin", DateTimeOffset.UtcNow.AddDays(-2), (db, p) => History(db, p, DateTimeOffset.UtcNow.AddDays(-2)));
        var ids = new List<Guid>();
        var person = await PersonAsync("Zorglub", then, (db, p) =>
        {
            (p.UsageName, p.FirstNames, p.BirthPlace, p.Phone, p.Email, p.Nir, p.CafNumber, p.Address) =
                ("Vantardi", "Anatolia", "Pontarlier", "06 98 76 54 32", "zorglub.anatolia@exemple.fr", "2750521231299", "7654321", "12 rue des Tilleuls");
            p.SearchName = OpenCcas.Web.People.PersonNames.SearchKey(p);
            p.MergedIntoId = witness.Id; // the witness's file holds the merge line naming this person
            p.Status = PersonStatus.Inactive;
            var interview = new Interview { OrganisationId = org, PersonId = p.Id, AgentId = agent, SiteId = app.A.SiteIds[0], TeamId = app.A.TeamIds[0], At = then, Mode = InterviewMode.Office, Summary = "Zorglub raconte sa situation" };
            var note = new Note { OrganisationId = org, PersonId = p.Id, InterviewId = interview.Id, AuthorId = agent, Confidentiality = OpenCcas.Domain.Platform.NoteConfidentiality.File, Text = "Zorglub, 06 98 76 54 32", CreatedAt = then };
            var appointment = new Appointment { OrganisationId = org, PersonId = p.Id, AgentId = agent, SiteId = app.A.SiteIds[0], Start = then, End = then.AddHours(1), Status = AppointmentStatus.Honoured, Subject = "RDV Zorglub", CreatedAt = then };
            var reminder = new AppointmentReminder { OrganisationId = org, AppointmentId = appointment.Id, Recipient = "anatolia.sms@exemple.fr", SentAt = then };
            var visit = new ReceptionVisit { OrganisationId = org, PersonId = p.Id, SiteId = app.A.SiteIds[0], At = then, Comment = "Passage de Mme Vantardi" };
            var income = new PersonIncome { OrganisationId = org, PersonId = p.Id, Kind = IncomeKind.Rsa, MonthlyAmount = 635.71m, Label = "RSA Zorglub" };
            var document = new PersonDocument { OrganisationId = org, PersonId = p.Id, Title = "Bail Zorglub", FileName = "bail-zorglub.pdf", ContentType = "application/pdf", Size = pdf.Length, UploadedAt = then };
            var household = new Household { OrganisationId = org, Name = "Foyer ZORGLUB", CreatedAt = then };
            household.Members.Add(new HouseholdMember { OrganisationId = org, PersonId = p.Id, JoinedOn = DateOnly.FromDateTime(then.UtcDateTime) });
            db.AddRange(interview, note, appointment, reminder, visit, income, document, household);
            db.Add(new DocumentContent { Id = document.Id, OrganisationId = org, Bytes = pdf });
            ids.AddRange([p.Id, interview.Id, note.Id, appointment.Id, reminder.Id, visit.Id, income.Id, document.Id, household.Id, household.Members.Single().Id]);
        });
        using (var scope = app.ScopeFor(org, "Agent Dupuis"))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var p = await db.Set<Person>().SingleAsync(x => x.Id == person.Id);
            p.Phone = "06 11 22 33 44";
            p.LastOperationAt = then;
            await db.SaveChangesAsync();
            var audit = scope.ServiceProvider.GetRequiredService<AuditLog>();
            var id = person.Id.ToString();
            await audit.RecordAsync(OpenCcas.Domain.Audit.AuditAction.Read, "Person", id, "Dossier consulté : Identité, Ménage");
            await audit.RecordAsync(OpenCcas.Domain.Audit.AuditAction.Read, "Person", id, "Document téléchargé : « Bail Zorglub »");
            await audit.RecordAsync(OpenCcas.Domain.Audit.AuditAction.Read, "Person", id, "Document téléchargé : Bail Zorglub"); // as written before « »
            await audit.RecordAsync(OpenCcas.Domain.Audit.AuditAction.Update, "Person", id, "Conservation prolongée : Mme Tilleuls-Anatolia attend"); // idem
            await audit.RecordAsync(OpenCcas.Domain.Audit.AuditAction.Update, "Person", witness.Id.ToString(),
                $"Fusion : le dossier n° {person.FileNumber} « ZORGLUB Anatolia » est fusionné dans le dossier n° {witness.FileNumber} « TEMOIN Camille » ; 1 enregistrement(s) rattaché(s).");
        }
        Dictionary<long, OpenCcas.Domain.Audit.AuditEntry> before;
        using (var scope = app.ScopeFor(org))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            before = await db.AuditEntries.AsNoTracking().ToDictionaryAsync(e => e.Id);
            foreach (var value in personal)
                before.Values.ShouldContain(e => e.Details!.Contains(value), $"the log held « {value} » before");
            // A document's content never goes into the log, only its size.
            before.Values.ShouldNotContain(e => e.Details!.Contains(Convert.ToBase64String(pdf)));
            before.Values.ShouldContain(e => e.EntityType == nameof(DocumentContent) && e.Details!.Contains($"({pdf.Length} octets)"));
        }

        // What the job does for each expired file (only this one here, so that other tests' files stay out of the comparison).
        using (var scope = app.ScopeFor(org, RetentionJob.ActorName))
            await RetentionRunner.AnonymiseAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), person.Id);

        using (var scope = app.ScopeFor(org))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            // Searched in the table itself, every organisation, every text column; and as the JSON diffs escape it.
            foreach (var value in personal)
            {
                (await db.AuditEntries.IgnoreQueryFilters().CountAsync(e => e.Details!.Contains(value) || e.UserName!.Contains(value)
                    || e.EntityId!.Contains(value) || e.EntityType.Contains(value))).ShouldBe(0, $"« {value} » is still in the log");
            }
            var after = await db.AuditEntries.AsNoTracking().ToDictionaryAsync(e => e.Id);
            foreach (var value in personal.Select(v => JsonSerializer.Serialize(v).Trim('"')).Concat(personal))
                after.Values.ShouldNotContain(e => e.Details != null && e.Details.Contains(value, StringComparison.OrdinalIgnoreCase), value);

            // No line removed; only the lines of the file's records (and the merge line naming it) changed, and are marked.
            before.Keys.ShouldAllBe(k => after.ContainsKey(k));
            var recordIds = ids.Select(i => i.ToString()).ToHashSet();
            var changed = before.Values.Where(e => after[e.Id].Details != e.Details).ToList();
            changed.ShouldNotBeEmpty();
            changed.ShouldAllBe(e => recordIds.Contains(e.EntityId!) || e.EntityId == witness.Id.ToString());
            changed.ShouldAllBe(e => after[e.Id].RedactedAt != null);
            before.Values.Where(e => after[e.Id].Details == e.Details).ShouldAllBe(e => after[e.Id].RedactedAt == e.RedactedAt);
            after.Values.Where(e => e.EntityId == witness.Id.ToString() && e.Action != OpenCcas.Domain.Audit.AuditAction.Update)
                .ShouldAllBe(e => e.RedactedAt == null, "the witness's own lines are untouched");

            // Kept as the file keeps them: amounts, statuses, dates, sex, birth year; descriptions without personal data.
            var lines = after.Values.Where(e => recordIds.Contains(e.EntityId!)).ToList();
            lines.ShouldContain(e => e.EntityType == nameof(PersonIncome) && e.Details!.Contains("635.71") && e.Details.Contains("Rsa"));
            lines.ShouldContain(e => e.EntityType == nameof(Appointment) && e.Details!.Contains("Honoured") && e.Details.Contains(then.Year.ToString()));
            lines.ShouldContain(e => e.EntityType == nameof(Person) && e.Action == OpenCcas.Domain.Audit.AuditAction.Create
                && e.Details!.Contains("\"BirthDate\":[null,\"1980-01-01\"]") && e.Details.Contains("Female") && e.Details.Contains("\"LastName\":[null,\"Anonyme\"]"));
            lines.ShouldContain(e => e.Details == "Dossier consulté : Identité, Ménage" && e.RedactedAt == null);
            lines.ShouldContain(e => e.EntityType == nameof(DocumentContent) && e.Action == OpenCcas.Domain.Audit.AuditAction.Create
                && e.RedactedAt != null && e.Details!.Contains("\"Bytes\":[null,null]") && e.Details.Contains(org.ToString()));
            lines.Count(e => e.Details == "Document téléchargé : « anonymisé »").ShouldBe(2);
            lines.ShouldContain(e => e.Details == "Conservation prolongée : « anonymisé »");
            after.Values.ShouldContain(e => e.EntityId == witness.Id.ToString() && e.Details!.Contains("« anonymisé anonymisé » est fusionné") && e.Details.Contains("« TEMOIN Camille »"));

            // The anonymisation line names every line redacted; the chain verifies.
            var redacted = after.Values.Where(e => e.RedactedAt != null).Select(e => e.Sequence).ToHashSet();
            var named = after.Values.Where(e => e.Action == OpenCcas.Domain.Audit.AuditAction.Anonymise)
                .SelectMany(e => OpenCcas.Domain.Audit.AuditRedactionRecord.Expand(OpenCcas.Domain.Audit.AuditRedactionRecord.Parse(e.Details)!.Lines)).ToHashSet();
            redacted.ShouldBeSubsetOf(named);
            (await AuditVerifier.VerifyAsync(db)).Intact.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task Old_appointment_texts_and_receipts_cleared_by_the_job_leave_the_audit_log_too()
    {
        var old = DateTimeOffset.UtcNow.AddMonths(-25);
        var org = app.A.Id;
        Guid appointmentId = default, reminderId = default;
        // An active file (a recent interview) with an appointment older than its retention and a receipt older than six months.
        await PersonAsync("Hortensia", DateTimeOffset.UtcNow.AddDays(-1), (db, p) =>
        {
            var appointment = new Appointment { OrganisationId = org, PersonId = p.Id, AgentId = app.A.UserIds[Role.SocialWorker], SiteId = app.A.SiteIds[0], Start = old, End = old.AddHours(1), Status = AppointmentStatus.Honoured, Subject = "Dossier Hortensia-Lys", Comment = "Venue avec Mme Lys", CreatedAt = old };
            var reminder = new AppointmentReminder { OrganisationId = org, AppointmentId = appointment.Id, Recipient = "hortensia.lys@exemple.fr", SentAt = DateTimeOffset.UtcNow.AddMonths(-7) };
            db.AddRange(appointment, reminder);
            db.Add(new Interview { OrganisationId = org, PersonId = p.Id, AgentId = app.A.UserIds[Role.SocialWorker], SiteId = app.A.SiteIds[0], TeamId = app.A.TeamIds[0], At = DateTimeOffset.UtcNow.AddDays(-1), Mode = InterviewMode.Office });
            (appointmentId, reminderId) = (appointment.Id, reminder.Id);
        });
        using (var scope = app.ScopeFor(org, RetentionJob.ActorName))
            await RetentionRunner.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Rules, DateTimeOffset.UtcNow, dryRun: false);

        using (var scope = app.ScopeFor(org))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Set<Appointment>().SingleAsync(a => a.Id == appointmentId)).Subject.ShouldBeNull();
            foreach (var value in new[] { "Hortensia-Lys", "Mme Lys", "hortensia.lys@exemple.fr" })
                (await db.AuditEntries.CountAsync(e => e.Details!.Contains(value))).ShouldBe(0, value);
            var lines = await db.AuditEntries.Where(e => e.EntityId == appointmentId.ToString() || e.EntityId == reminderId.ToString()).ToListAsync();
            lines.ShouldContain(e => e.Action == OpenCcas.Domain.Audit.AuditAction.Create && e.RedactedAt != null && e.Details!.Contains("Honoured"));
            lines.ShouldContain(e => e.Action == OpenCcas.Domain.Audit.AuditAction.Create && e.RedactedAt != null && e.Details!.Contains("\"Recipient\":[null,\"Anonyme\"]"));
            (await db.Set<Person>().AnyAsync(p => p.LastName == "Hortensia" && p.Status == PersonStatus.Active)).ShouldBeTrue();
            (await AuditVerifier.VerifyAsync(db)).Intact.ShouldBeTrue();
        }
    }

    [Fact]
    public async Task A_dry_run_counts_and_changes_nothing()
    {
        var then = DateTimeOffset.UtcNow.AddMonths(-30);
        var person = await PersonAsync("Simulé", then, (db, p) => History(db, p, then));
        var reports = await RetentionJob.RunAllAsync(app.Services, Rules, DateTimeOffset.UtcNow, dryRun: true);
        var mine = reports.Single(r => r.Organisation == app.A.Id).Report;
        mine.DryRun.ShouldBeTrue();
        mine.FileNumbers.ShouldContain(person.FileNumber);
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var p = await db.Set<Person>().SingleAsync(x => x.Id == person.Id);
        (p.LastName, p.Status).ShouldBe(("Simulé", PersonStatus.Active));
        (await db.Set<Interview>().SingleAsync(i => i.PersonId == p.Id)).Summary.ShouldBe("Résumé Simulé");
        (await db.Set<Appointment>().SingleAsync(a => a.PersonId == p.Id)).Subject.ShouldBe("RDV Simulé");
    }

    [Fact]
    public async Task The_review_list_shows_a_file_expiring_in_three_weeks_and_a_manager_extends_it()
    {
        var soon = await PersonAsync("Bientôt", DateTimeOffset.UtcNow.AddMonths(-24).AddDays(21));
        var later = await PersonAsync("Plus-tard", DateTimeOffset.UtcNow.AddMonths(-24).AddDays(60));
        var active = await PersonAsync("Actif", DateTimeOffset.UtcNow.AddMonths(-24).AddDays(21), (db, p) => History(db, p, DateTimeOffset.UtcNow.AddDays(-3)));
        var manager = await app.SignedInAsync(app.A, Role.Manager);
        var html = await manager.GetStringAsync("/personnes/conservation");
        html.ShouldContain($"n° {soon.FileNumber}");
        html.ShouldContain(soon.LastOperationAt.DisplayDate());
        html.ShouldContain(Rules.ExpiryOf(soon.LastOperationAt).DisplayDate());
        html.ShouldNotContain($"n° {later.FileNumber}<");
        html.ShouldNotContain($"n° {active.FileNumber}<");

        // No reason: a French message, nothing changed.
        var token = await AppFixture.AntiforgeryTokenAsync(manager, "/personnes/conservation");
        var refused = await manager.PostAsync("/personnes/conservation?handler=Extend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.PersonId"] = soon.Id.ToString(), ["Input.Reason"] = "", ["__RequestVerificationToken"] = token,
        }));
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await refused.Content.ReadAsStringAsync()).ShouldContain("Indiquez la raison de la prolongation.");
        using (var scope = app.ScopeFor(app.A.Id))
            (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Set<Person>().SingleAsync(x => x.Id == soon.Id)).LastOperationAt
                .ShouldBeLessThan(DateTimeOffset.UtcNow.AddMonths(-23));

        var extended = await manager.PostAsync("/personnes/conservation?handler=Extend", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Input.PersonId"] = soon.Id.ToString(), ["Input.Reason"] = "Accompagnement en cours", ["__RequestVerificationToken"] = token,
        }));
        extended.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Set<Person>().SingleAsync(x => x.Id == soon.Id)).LastOperationAt.ShouldBeGreaterThan(DateTimeOffset.UtcNow.AddMinutes(-5));
            (await db.AuditEntries.AnyAsync(e => e.EntityType == "Person" && e.EntityId == soon.Id.ToString()
                && e.Details!.Contains("Conservation prolongée : « Accompagnement en cours »"))).ShouldBeTrue();
        }
        (await manager.GetStringAsync("/personnes/conservation")).ShouldNotContain($"n° {soon.FileNumber}<");
    }

    [Fact]
    public async Task Only_managers_review_retention()
    {
        foreach (var role in new[] { Role.SocialWorker, Role.Reception, Role.StatsReader, Role.Admin, Role.Instructor, Role.Volunteer })
        {
            var client = await app.SignedInAsync(app.A, role);
            var response = await client.GetAsync("/personnes/conservation");
            response.StatusCode.ShouldBe(HttpStatusCode.Redirect, role.ToString());
            response.Headers.Location!.OriginalString.ShouldContain("/acces-refuse");
        }
    }

    [Fact]
    public void The_job_runs_next_at_the_set_time_of_day_in_Paris()
    {
        var now = new DateTimeOffset(2026, 7, 10, 1, 0, 0, TimeSpan.Zero); // 03:00 in Paris (summer time)
        OpenCcas.Web.Infrastructure.Audit.Paris.NextRun(now, new TimeOnly(2, 30)).ShouldBe(new DateTimeOffset(2026, 7, 11, 0, 30, 0, TimeSpan.Zero));
        OpenCcas.Web.Infrastructure.Audit.Paris.NextRun(now, new TimeOnly(4, 0)).ShouldBe(new DateTimeOffset(2026, 7, 10, 2, 0, 0, TimeSpan.Zero));
    }
}
