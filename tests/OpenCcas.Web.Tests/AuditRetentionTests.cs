using Microsoft.Extensions.Configuration;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.People;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.People.Retention;

namespace OpenCcas.Web.Tests;

/// <summary>
/// The audit log under the data-protection rules: lines redacted by anonymisation and lines purged after 5 years leave
/// a chain that verifies, and tampering still shows. Each test damages only its own organisation's chain.
/// </summary>
public sealed class AuditRetentionTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(SeededOrganisation Org, HttpClient Admin)> FreshOrganisationAsync(string name)
    {
        var org = await app.SeedOrganisationAsync(name, "auditret-" + Guid.NewGuid().ToString("N")[..8] + ".test");
        return (org, await app.SignInNewClientAsync(org.Email(Role.Admin)));
    }

    private async Task<List<AuditEntry>> EntriesAsync(Guid org)
    {
        using var scope = app.ScopeFor(org);
        return await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).ToListAsync(Ct);
    }

    private async Task<ChainReport> VerifyAsync(Guid org)
    {
        using var scope = app.ScopeFor(org);
        return await AuditVerifier.VerifyAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), Ct);
    }

    /// <summary>Changes a line behind the application's back, as SQL by hand would.</summary>
    private async Task TamperAsync(Guid org, long id, Func<IQueryable<AuditEntry>, Task> change)
    {
        using var scope = app.ScopeFor(org);
        await change(scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditEntries.Where(e => e.Id == id));
    }

    private static Task Restore(IQueryable<AuditEntry> q, AuditEntry e) => q.ExecuteUpdateAsync(s => s
        .SetProperty(x => x.Sequence, e.Sequence).SetProperty(x => x.Details, e.Details).SetProperty(x => x.DetailsHash, e.DetailsHash)
        .SetProperty(x => x.RedactedAt, e.RedactedAt).SetProperty(x => x.PreviousHash, e.PreviousHash).SetProperty(x => x.Hash, e.Hash), Ct);

    /// <summary>A person with an interview, changed once, opened once: audit lines of several kinds naming them.</summary>
    private async Task<Person> PersonWithHistoryAsync(SeededOrganisation org, string lastName)
    {
        using var scope = app.ScopeFor(org.Id, "Agent Martin");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var at = DateTimeOffset.UtcNow.AddYears(-3);
        var person = new Person
        {
            OrganisationId = org.Id, FileNumber = 900 + Random.Shared.Next(1000), LastName = lastName, FirstNames = "Ysolde",
            Phone = "07 55 44 33 22", Nir = "2660321231888", Sex = Sex.Female, BirthDate = new DateOnly(1966, 3, 3),
            SiteId = org.SiteIds[0], CreatedAt = at, LastOperationAt = at,
        };
        person.SearchName = OpenCcas.Web.People.PersonNames.SearchKey(person);
        db.Add(person);
        db.Add(new Interview
        {
            OrganisationId = org.Id, PersonId = person.Id, AgentId = org.UserIds[Role.SocialWorker], SiteId = org.SiteIds[0], TeamId = org.TeamIds[0],
            At = at, Mode = InterviewMode.Phone, Summary = $"Appel de {lastName}",
        });
        await db.SaveChangesAsync(Ct);
        person.Email = "ysolde@exemple.fr";
        await db.SaveChangesAsync(Ct);
        await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditAction.Read, "Person", person.Id.ToString(), $"Document téléchargé : « CNI {lastName} »", Ct);
        return person;
    }

    private async Task AnonymiseAsync(Guid org, Guid personId)
    {
        using var scope = app.ScopeFor(org, RetentionJob.ActorName);
        await RetentionRunner.AnonymiseAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), personId, Ct);
    }

    [Fact]
    public async Task A_chain_with_redacted_lines_verifies_and_tampering_around_them_is_detected()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit anonymisé");
        var person = await PersonWithHistoryAsync(org, "Quenouille");
        await AnonymiseAsync(org.Id, person.Id);
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();

        var entries = await EntriesAsync(org.Id);
        var redacted = entries.Where(e => e.RedactedAt != null).ToList();
        redacted.Count.ShouldBeGreaterThanOrEqualTo(4); // the person's creation and change, the interview, the download
        entries.ShouldNotContain(e => e.Details!.Contains("Quenouille") || e.Details.Contains("2660321231888") || e.Details.Contains("ysolde@"));
        var anonymisation = entries.Single(e => e.Action == AuditAction.Anonymise);
        AuditRedactionRecord.Parse(anonymisation.Details)!.Count.ShouldBe(redacted.Count);
        anonymisation.UserName.ShouldBe(RetentionJob.ActorName);

        // A redacted line whose hash or place is changed.
        var victim = redacted[0];
        await TamperAsync(org.Id, victim.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.Hash, new string('c', 64)), Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(victim.Sequence);
        await TamperAsync(org.Id, victim.Id, q => Restore(q, victim));
        await TamperAsync(org.Id, victim.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.Sequence, 1_000_000L), Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(victim.Sequence);
        await TamperAsync(org.Id, victim.Id, q => Restore(q, victim));
        // Its agent or date changed: the hash still covers everything but the details.
        await TamperAsync(org.Id, victim.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.UserName, "Quelqu'un d'autre"), Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(victim.Sequence);
        await TamperAsync(org.Id, victim.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.UserName, victim.UserName), Ct));
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();

        // A line not redacted whose details are changed, plainly or passed off as redacted.
        var plain = entries.Last(e => e.RedactedAt == null && e.Action == AuditAction.Create);
        await TamperAsync(org.Id, plain.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.Details, "{\"Name\":[null,\"falsifié\"]}"), Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(plain.Sequence);
        await TamperAsync(org.Id, plain.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.RedactedAt, DateTimeOffset.UtcNow), Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(plain.Sequence);
        await TamperAsync(org.Id, plain.Id, q => Restore(q, plain));
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();

        // The data layer refuses a redaction that no anonymisation line names.
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var line = await db.AuditEntries.SingleAsync(e => e.Id == plain.Id, Ct);
            (line.Details, line.RedactedAt) = ("{}", DateTimeOffset.UtcNow);
            await Should.ThrowAsync<OpenCcas.Web.Infrastructure.Tenancy.TenancyViolationException>(() => db.SaveChangesAsync(Ct));
        }

        // The journal shows which lines were anonymised, in French.
        var journal = await admin.GetStringAsync("/administration/journal", Ct);
        journal.ShouldContain(">anonymisé</span>");
        journal.ShouldContain("Anonymisation du journal");
        var detail = await admin.GetStringAsync($"/administration/journal/{victim.Id}", Ct);
        detail.ShouldContain(">anonymisé</span> le ");
        (await admin.GetStringAsync($"/administration/journal/{anonymisation.Id}", Ct)).ShouldContain($"{redacted.Count} entrée(s) du journal anonymisée(s)");
        var listed = await admin.GetFromJsonAsync<JsonElement>($"/api/audit/{victim.Id}", Ct);
        listed.GetProperty("redactedAt").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task Purging_removes_only_the_lines_older_than_the_limit_and_the_chain_still_verifies()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit purge");
        for (var i = 0; i < 2; i++)
            (await admin.PostAsJsonAsync("/api/teams", new { name = $"Ancienne équipe {i}" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await Task.Delay(30, Ct);
        var limit = DateTimeOffset.UtcNow;
        await Task.Delay(30, Ct);
        for (var i = 0; i < 2; i++)
            (await admin.PostAsJsonAsync("/api/teams", new { name = $"Équipe récente {i}" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = await EntriesAsync(org.Id);
        var old = before.Where(e => e.At < limit).ToList();
        var recent = before.Where(e => e.At >= limit).ToList();
        old.Count.ShouldBeGreaterThan(10);
        recent.Count.ShouldBeGreaterThanOrEqualTo(2);

        // The job, run five years after the limit: a dry run counts, the run removes.
        var now = limit.AddYears(5);
        using (var scope = app.ScopeFor(org.Id, RetentionJob.ActorName))
        {
            var report = await RetentionRunner.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), new RetentionRules(), now, dryRun: true, Ct);
            report.AuditLinesPurged.ShouldBe(old.Count);
        }
        (await EntriesAsync(org.Id)).Count.ShouldBe(before.Count);
        using (var scope = app.ScopeFor(org.Id, RetentionJob.ActorName))
        {
            var report = await RetentionRunner.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), new RetentionRules(), now, dryRun: false, Ct);
            report.AuditLinesPurged.ShouldBe(old.Count);
            report.Summary.ShouldContain($"{old.Count} entrée(s) du journal d'audit supprimée(s)");
        }

        var after = await EntriesAsync(org.Id);
        after.ShouldNotContain(e => e.At < limit);
        recent.ShouldAllBe(r => after.Any(a => a.Id == r.Id));
        var purge = after.Single(e => e.Action == AuditAction.Purge);
        var record = AuditPurgeRecord.Parse(purge.Details)!;
        (record.Count, record.FirstSequence, record.FirstPreviousHash).ShouldBe((old.Count, recent[0].Sequence, recent[0].PreviousHash));
        using (var scope = app.ScopeFor(org.Id))
        {
            var head = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditChainHeads.AsNoTracking().SingleAsync(h => h.OrganisationId == org.Id, Ct);
            (head.FirstSequence, head.FirstPreviousHash).ShouldBe((recent[0].Sequence, recent[0].PreviousHash));
        }
        var report2 = await VerifyAsync(org.Id);
        report2.Intact.ShouldBeTrue(report2.Message);
        report2.Entries.ShouldBe(after.Count);
        WebUtility.HtmlDecode(await admin.GetStringAsync($"/administration/journal/{purge.Id}", Ct)).ShouldContain($"la chaîne commence à l'entrée n° {recent[0].Sequence}");

        // Nothing more to remove the next day.
        using (var scope = app.ScopeFor(org.Id, RetentionJob.ActorName))
            (await AuditPurge.RunAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), limit, dryRun: false, Ct)).ShouldBe(0);
        (await EntriesAsync(org.Id)).Count(e => e.Action == AuditAction.Purge).ShouldBe(1);

        // After the purge, a changed line, the first line kept removed, or the start moved by hand to hide it, show.
        var kept = after[1];
        await TamperAsync(org.Id, kept.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.Details, "{\"Name\":[null,\"falsifié\"]}"), Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(kept.Sequence);
        await TamperAsync(org.Id, kept.Id, q => Restore(q, kept));
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();

        var first = after[0];
        await TamperAsync(org.Id, first.Id, q => q.ExecuteDeleteAsync(Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(first.Sequence);
        using (var scope = app.ScopeFor(org.Id))
            await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditChainHeads.Where(h => h.OrganisationId == org.Id)
                .ExecuteUpdateAsync(s => s.SetProperty(h => h.FirstSequence, after[1].Sequence).SetProperty(h => h.FirstPreviousHash, after[1].PreviousHash), Ct);
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(after[1].Sequence, "no purge line says the chain starts there");
    }

    [Fact]
    public async Task Lines_written_before_digests_still_verify_and_can_be_redacted()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit ancien format");
        var person = await PersonWithHistoryAsync(org, "Ancienlog");
        // A database written before this change: every line hashed with its details, no digest stored.
        var entries = await EntriesAsync(org.Id);
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var previous = AuditChain.Genesis;
            foreach (var e in entries)
            {
                (e.DetailsHash, e.PreviousHash) = (null, previous);
                e.Hash = e.ComputeHash();
                previous = e.Hash;
                await db.AuditEntries.Where(x => x.Id == e.Id).ExecuteUpdateAsync(s => s
                    .SetProperty(x => x.DetailsHash, (string?)null).SetProperty(x => x.PreviousHash, e.PreviousHash).SetProperty(x => x.Hash, e.Hash), Ct);
            }
            await db.AuditChainHeads.Where(h => h.OrganisationId == org.Id).ExecuteUpdateAsync(s => s.SetProperty(h => h.LastHash, previous), Ct);
        }
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();

        // New lines follow them; anonymising the person redacts old lines too, named as such.
        (await admin.PostAsJsonAsync("/api/teams", new { name = "Équipe nouvelle" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await AnonymiseAsync(org.Id, person.Id);
        var after = await EntriesAsync(org.Id);
        after.ShouldNotContain(e => e.Details!.Contains("Ancienlog") || e.Details.Contains("2660321231888"));
        var legacyRedacted = after.Where(e => e.RedactedAt != null && e.DetailsHash == null).ToList();
        legacyRedacted.ShouldNotBeEmpty();
        var record = AuditRedactionRecord.Parse(after.Single(e => e.Action == AuditAction.Anonymise).Details)!;
        AuditRedactionRecord.Expand(record.LinesWithoutDigest).ShouldBe(legacyRedacted.Select(e => e.Sequence), ignoreOrder: true);
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();

        // An old line's details changed, or an old redacted line's hash: both show.
        var plain = after.First(e => e.DetailsHash == null && e.RedactedAt == null && e.Action == AuditAction.Create);
        await TamperAsync(org.Id, plain.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.Details, "{\"Name\":[null,\"falsifié\"]}"), Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(plain.Sequence);
        await TamperAsync(org.Id, plain.Id, q => Restore(q, plain));
        var old = legacyRedacted[0];
        await TamperAsync(org.Id, old.Id, q => q.ExecuteUpdateAsync(s => s.SetProperty(x => x.Hash, new string('d', 64)), Ct));
        (await VerifyAsync(org.Id)).FirstBrokenSequence.ShouldBe(old.Sequence + 1, "the next line no longer follows it");
    }

    [Fact]
    public void The_audit_log_retention_is_a_setting_of_five_years_by_default()
    {
        RetentionJob.RulesFrom(new ConfigurationBuilder().Build()).AuditLogYears.ShouldBe(5);
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Retention:AuditLogYears"] = "3" }).Build();
        var rules = RetentionJob.RulesFrom(config);
        rules.AuditLogYears.ShouldBe(3);
        var now = new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
        rules.AuditPurgeBefore(now).ShouldBe(new DateTimeOffset(2023, 11, 23, 12, 0, 0, TimeSpan.Zero));
    }
}
