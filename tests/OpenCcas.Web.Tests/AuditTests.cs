using OpenCcas.Domain.Audit;
using OpenCcas.Web.Infrastructure.Audit;

namespace OpenCcas.Web.Tests;

/// <summary>
/// Every change is audited in the same transaction, with a JSON diff; the per-organisation hash chain shows
/// tampering and stays contiguous under concurrent writers. Tests that damage a chain use their own organisation.
/// </summary>
public sealed class AuditTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<(SeededOrganisation Org, HttpClient Admin)> FreshOrganisationAsync(string name)
    {
        var org = await app.SeedOrganisationAsync(name, "audit-" + Guid.NewGuid().ToString("N")[..8] + ".test");
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

    private static Dictionary<string, JsonElement[]> Diff(AuditEntry e) =>
        JsonSerializer.Deserialize<Dictionary<string, JsonElement[]>>(e.Details!)!;

    [Fact]
    public async Task Creating_updating_and_deleting_a_site_writes_three_entries_with_a_json_diff()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit CRUD");
        var created = await (await admin.PostAsJsonAsync("/api/sites", new { name = "Antenne Nord", phone = "03 80 00 00 00" }, Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var id = created.GetProperty("id").GetGuid();
        (await admin.PutAsJsonAsync($"/api/sites/{id}", new { name = "Antenne Nord-Est", phone = "03 80 00 00 00", version = created.GetProperty("version").GetInt32() }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await admin.DeleteAsync($"/api/sites/{id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var entries = (await EntriesAsync(org.Id)).Where(e => e.EntityType == nameof(Site) && e.EntityId == id.ToString()).ToList();
        entries.Select(e => e.Action).ShouldBe([AuditAction.Create, AuditAction.Update, AuditAction.Delete]);
        entries.ShouldAllBe(e => e.UserId == org.UserIds[Role.Admin] && e.OrganisationId == org.Id);

        var create = Diff(entries[0]);
        create["Name"][0].ValueKind.ShouldBe(JsonValueKind.Null);
        create["Name"][1].GetString().ShouldBe("Antenne Nord");
        var update = Diff(entries[1]);
        update.Keys.ShouldBe(["Name"], ignoreOrder: true);
        update["Name"][0].GetString().ShouldBe("Antenne Nord");
        update["Name"][1].GetString().ShouldBe("Antenne Nord-Est");
        var delete = Diff(entries[2]);
        delete["Name"][0].GetString().ShouldBe("Antenne Nord-Est");
        delete["Name"][1].ValueKind.ShouldBe(JsonValueKind.Null);

        // What the administrator reads through the API is the same.
        var listed = await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?entityType=Site&entityId={id}", Ct);
        listed!.Select(e => e.GetProperty("action").GetString()).ShouldBe(["Delete", "Update", "Create"]);
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);
        verify.GetProperty("intact").GetBoolean().ShouldBeTrue();
    }

    [Fact]
    public async Task A_save_that_fails_leaves_no_audit_entry()
    {
        var (org, _) = await FreshOrganisationAsync("Audit échec");
        var before = await EntriesAsync(org.Id);
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var existing = await db.Sites.AsNoTracking().FirstAsync(Ct);
            db.Sites.Add(new Site { Name = existing.Name }); // the unique index (organisation, name) refuses it
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        var after = await EntriesAsync(org.Id);
        after.Count.ShouldBe(before.Count);
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task When_the_audit_entry_cannot_be_written_the_change_is_not_saved_either()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit atomique");
        // A squatter takes the chain's next sequence number, so the next audit insert breaks the unique index.
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var head = await db.AuditChainHeads.AsNoTracking().SingleAsync(h => h.OrganisationId == org.Id, Ct);
            db.AuditEntries.Add(new AuditEntry
            {
                OrganisationId = org.Id, Sequence = head.LastSequence + 1, At = DateTimeOffset.UtcNow, Action = AuditAction.Read,
                EntityType = "Squatter", PreviousHash = "", Hash = "",
            });
            await db.SaveChangesAsync(Ct);
        }
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Sites.Add(new Site { Name = "Jamais enregistré" });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesAsync(Ct));
        }
        var response = await admin.PostAsJsonAsync("/api/sites", new { name = "Jamais enregistré non plus" }, Ct);
        ((int)response.StatusCode).ShouldBeGreaterThanOrEqualTo(500);
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Sites.AnyAsync(s => s.Name.StartsWith("Jamais"), Ct)).ShouldBeFalse("the change was rolled back with its audit entry");
        }
    }

    [Fact]
    public async Task The_chain_verifies_and_tampering_with_details_is_detected()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit falsification");
        for (var i = 0; i < 3; i++)
            (await admin.PostAsJsonAsync("/api/sites", new { name = $"Site {i}" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();
        var entries = await EntriesAsync(org.Id);
        var victim = entries[entries.Count / 2];

        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (table, id, details) = Columns(db);
            var update = "UPDATE " + table + " SET " + details + " = {0} WHERE " + id + " = {1}";
            (await db.Database.ExecuteSqlRawAsync(update, ["{\"Name\":[null,\"falsifié\"]}", victim.Id], Ct)).ShouldBe(1);
        }
        var report = await VerifyAsync(org.Id);
        report.Intact.ShouldBeFalse();
        report.FirstBrokenSequence.ShouldBe(victim.Sequence);
        var verify = await admin.GetFromJsonAsync<JsonElement>("/api/audit/verify", Ct);
        verify.GetProperty("intact").GetBoolean().ShouldBeFalse();
        verify.GetProperty("message").GetString().ShouldBe($"Chaîne rompue à l'entrée n° {victim.Sequence}.");

        // Other organisations' chains are not affected.
        (await VerifyAsync(app.A.Id)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Deleting_a_middle_entry_or_the_last_one_is_detected()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit suppression");
        for (var i = 0; i < 3; i++)
            (await admin.PostAsJsonAsync("/api/teams", new { name = $"Équipe {i}" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var entries = await EntriesAsync(org.Id);
        var middle = entries[entries.Count / 2];
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (table, id, _) = Columns(db);
            var delete = "DELETE FROM " + table + " WHERE " + id + " = {0}";
            (await db.Database.ExecuteSqlRawAsync(delete, [middle.Id], Ct)).ShouldBe(1);
        }
        var report = await VerifyAsync(org.Id);
        report.Intact.ShouldBeFalse();
        report.FirstBrokenSequence.ShouldBe(middle.Sequence);

        var (org2, admin2) = await FreshOrganisationAsync("Audit troncature");
        (await admin2.PostAsJsonAsync("/api/teams", new { name = "Équipe finale" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var last = (await EntriesAsync(org2.Id)).Last();
        using (var scope = app.ScopeFor(org2.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (table, id, _) = Columns(db);
            var delete = "DELETE FROM " + table + " WHERE " + id + " = {0}";
            (await db.Database.ExecuteSqlRawAsync(delete, [last.Id], Ct)).ShouldBe(1);
        }
        (await VerifyAsync(org2.Id)).Intact.ShouldBeFalse("the chain head remembers the removed end");
    }

    private static (string Table, string Id, string Details) Columns(AppDbContext db)
    {
        var type = db.Model.FindEntityType(typeof(AuditEntry))!;
        var store = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var sql = Microsoft.EntityFrameworkCore.Infrastructure.AccessorExtensions.GetService<Microsoft.EntityFrameworkCore.Storage.ISqlGenerationHelper>(db);
        string Quote(string name) => sql.DelimitIdentifier(name);
        return (Quote(type.GetTableName()!),
            Quote(type.FindProperty(nameof(AuditEntry.Id))!.GetColumnName(store)!),
            Quote(type.FindProperty(nameof(AuditEntry.Details))!.GetColumnName(store)!));
    }

    [Fact]
    public async Task Eight_concurrent_writers_on_one_organisation_keep_the_chain_contiguous()
    {
        const int writers = 8, perWriter = 5;
        var (org, admin) = await FreshOrganisationAsync("Audit concurrence");
        var before = (await EntriesAsync(org.Id)).Count;
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            var statuses = new List<HttpStatusCode>();
            for (var i = 0; i < perWriter; i++)
                statuses.Add((await admin.PostAsJsonAsync("/api/sites", new { name = $"Site parallèle {w}-{i}" }, Ct)).StatusCode);
            return statuses;
        }, Ct)).ToList();
        var all = (await Task.WhenAll(tasks)).SelectMany(s => s).ToList();
        all.ShouldAllBe(s => s == HttpStatusCode.Created);

        var entries = await EntriesAsync(org.Id);
        entries.Count.ShouldBe(before + writers * perWriter);
        entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long)i), "sequences are contiguous from 1");
        entries.Count(e => e.EntityType == nameof(Site) && e.Action == AuditAction.Create && e.Details!.Contains("parall")).ShouldBe(writers * perWriter);
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();
        using var scope = app.ScopeFor(org.Id);
        var head = await scope.ServiceProvider.GetRequiredService<AppDbContext>().AuditChainHeads.AsNoTracking().SingleAsync(h => h.OrganisationId == org.Id, Ct);
        head.LastSequence.ShouldBe(entries.Count);
        head.LastHash.ShouldBe(entries[^1].Hash);
    }

    /// <summary>
    /// Writes a line the way another server would: straight to the chain, without this process knowing (the quick
    /// way of AuditChainWriter relies on the end this process wrote last).
    /// </summary>
    private async Task WriteElsewhereAsync(Guid org)
    {
        using var scope = app.ScopeFor(org);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var head = await db.AuditChainHeads.SingleAsync(h => h.OrganisationId == org, Ct);
        var line = new AuditEntry
        {
            OrganisationId = org, At = DateTimeOffset.UtcNow, UserName = "Autre serveur", Action = AuditAction.Read,
            EntityType = "Site", Details = "Consulté depuis un autre serveur", PreviousHash = "", Hash = "",
        };
        (head.LastSequence, head.LastHash) = AuditChain.Link([line], head.LastSequence, head.LastHash);
        db.AuditEntries.Add(line);
        await db.SaveChangesAsync(Ct); // audit lines and heads are not themselves audited: a plain save
    }

    private async Task ShouldBeWholeAsync(Guid org, int expected)
    {
        var entries = await EntriesAsync(org);
        entries.Count.ShouldBe(expected);
        entries.Select(e => e.Sequence).ShouldBe(Enumerable.Range(1, entries.Count).Select(i => (long)i), "sequences are contiguous from 1");
        (await VerifyAsync(org)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task A_chain_moved_on_by_another_server_is_continued_not_forked()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit deux serveurs");
        (await admin.PostAsJsonAsync("/api/sites", new { name = "Avant" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await WriteElsewhereAsync(org.Id);
        var before = (await EntriesAsync(org.Id)).Count;

        // This process last wrote the line before the other server's: its save must find the real end.
        (await admin.PostAsJsonAsync("/api/sites", new { name = "Après" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ShouldBeWholeAsync(org.Id, before + 1);
    }

    [Fact]
    public async Task A_save_is_not_held_up_by_a_writer_that_keeps_the_chain_turn()
    {
        // The in-memory turn (PostgreSQL's quick way) is only a hint: a writer stuck while holding it (waiting on a
        // database lock, say) must not stop the organisation's other saves, which go the safe way after a short wait.
        var (org, admin) = await FreshOrganisationAsync("Audit tour bloqué");
        (await admin.PostAsJsonAsync("/api/sites", new { name = "Avant" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var before = (await EntriesAsync(org.Id)).Count;
        using var scope = app.ScopeFor(org.Id);
        var held = await AuditChainWriter.Turn.TakeAsync(scope.ServiceProvider.GetRequiredService<AppDbContext>(), org.Id, Ct);
        held.ShouldNotBeNull();
        await using (held)
        {
            var save = admin.PostAsJsonAsync("/api/sites", new { name = "Pendant" }, Ct);
            // Generous bound: the save waits about a second for the turn; without a bound it would wait forever.
            (await save.WaitAsync(TimeSpan.FromSeconds(20), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        }
        (await admin.PostAsJsonAsync("/api/sites", new { name = "Après" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ShouldBeWholeAsync(org.Id, before + 2);
    }

    [Fact]
    public async Task A_chain_moved_back_by_a_restore_is_continued_from_its_real_end()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit restauration");
        (await admin.PostAsJsonAsync("/api/sites", new { name = "Gardé" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await admin.PostAsJsonAsync("/api/sites", new { name = "Perdu à la restauration" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        var entries = await EntriesAsync(org.Id);
        // The database goes back one line (as a backup restored under a running server would): the last line and
        // its site disappear, the head points at the line before.
        using (var scope = app.ScopeFor(org.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var (table, id, _) = Columns(db);
            var delete = "DELETE FROM " + table + " WHERE " + id + " = {0}";
            (await db.Database.ExecuteSqlRawAsync(delete, [entries[^1].Id], Ct)).ShouldBe(1);
            var head = await db.AuditChainHeads.SingleAsync(h => h.OrganisationId == org.Id, Ct);
            (head.LastSequence, head.LastHash) = (entries[^2].Sequence, entries[^2].Hash);
            await db.SaveChangesAsync(Ct);
        }
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();

        (await admin.PostAsJsonAsync("/api/sites", new { name = "Après la restauration" }, Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
        await ShouldBeWholeAsync(org.Id, entries.Count);
    }

    [Fact]
    public async Task A_read_recorded_with_AuditLog_appears_in_the_log_and_in_the_chain()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit lecture");
        var personId = Guid.NewGuid().ToString();
        using (var scope = app.ScopeFor(org.Id, "Agent test"))
            await scope.ServiceProvider.GetRequiredService<AuditLog>().RecordAsync(AuditAction.Read, "Person", personId, "Ouverture du dossier", Ct);
        var listed = await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?action=Read&entityId={personId}", Ct);
        listed!.Length.ShouldBe(1);
        listed[0].GetProperty("details").GetString().ShouldBe("Ouverture du dossier");
        listed[0].GetProperty("userName").GetString().ShouldBe("Agent test");
        (await VerifyAsync(org.Id)).Intact.ShouldBeTrue();
    }

    [Fact]
    public async Task Signing_in_is_audited()
    {
        var (org, admin) = await FreshOrganisationAsync("Audit connexion");
        var signIns = await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?action=SignIn&entityId={org.UserIds[Role.Admin]}", Ct);
        signIns!.Length.ShouldBe(1);
        using var other = app.NewClient();
        await AppFixture.SignInAsync(other, org.Email(Role.Manager), "pas-le-bon-mot-de-passe");
        var failed = await admin.GetFromJsonAsync<JsonElement[]>($"/api/audit?action=SignInFailed&entityId={org.UserIds[Role.Manager]}", Ct);
        failed!.Length.ShouldBe(1);
    }

    [Fact]
    public async Task Audit_entries_cannot_be_changed_through_the_data_layer()
    {
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var entry = await db.AuditEntries.FirstAsync(Ct);
        entry.Details = "réécrit";
        await Should.ThrowAsync<OpenCcas.Web.Infrastructure.Tenancy.TenancyViolationException>(() => db.SaveChangesAsync(Ct));
    }
}
