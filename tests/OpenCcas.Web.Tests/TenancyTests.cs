using System.Reflection;
using Microsoft.AspNetCore.Routing.Patterns;
using OpenCcas.Domain.Common;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Tests;

/// <summary>
/// One organisation never reaches another's records: every route with an id answers 404 for a record of
/// organisation B to a user of organisation A holding every role; the data layer never returns B rows to A and
/// refuses to write them.
/// </summary>
public sealed class TenancyTests(AppFixture app) : IClassFixture<AppFixture>
{
    private static readonly Dictionary<string, string> RouteNames = new(StringComparer.OrdinalIgnoreCase)
    {
        // route segment → entity type name; route segments named like the entity (plural) are found without an entry
        ["equipes"] = "Team", ["utilisateurs"] = "AppUser", ["users"] = "AppUser", ["agents"] = "AppUser",
        ["jetons"] = "ApiToken", ["tokens"] = "ApiToken", ["audit"] = "AuditEntry", ["journal"] = "AuditEntry",
        ["personnes"] = "Person", ["people"] = "Person", ["menages"] = "Household", ["ménages"] = "Household",
        ["documents"] = "PersonDocument", ["members"] = "HouseholdMember",
        ["plans"] = "ActionPlan", ["action-plans"] = "ActionPlan", ["actions-collectives"] = "CollectiveSession",
        ["collective-sessions"] = "CollectiveSession", ["demarches"] = "OnlineProcedure", ["online-procedures"] = "OnlineProcedure",
        ["rendez-vous"] = "Appointment", ["personne"] = "Person", ["motifs"] = "ReceptionReason", ["reception-reasons"] = "ReceptionReason",
        ["reception-visits"] = "ReceptionVisit",
        ["entretiens"] = "Interview", ["notes"] = "Note", ["actions"] = "FollowUpAction", ["partenaires"] = "Partner", ["orientations"] = "Referral",
    };

    /// <summary>For an organisation, one record id per entity type (ITenantOwned, users, the organisation).</summary>
    private async Task<Dictionary<string, object>> RecordsOfAsync(Guid org)
    {
        using var scope = app.ScopeFor(org);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var map = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        foreach (var type in TenantTypes(db))
        {
            var key = type.FindPrimaryKey();
            if (key is null || key.Properties.Count != 1) continue;
            var id = await (Task<object?>)typeof(TenancyTests).GetMethod(nameof(FirstIdAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type.ClrType).Invoke(null, [db, key.Properties[0].Name])!;
            if (id is not null) map[type.ClrType.Name] = id;
        }
        map["AppUser"] = (await db.Users.OrderBy(u => u.Email).FirstAsync(u => u.Email!.StartsWith("admin@"))).Id;
        map["Organisation"] = org;
        return map;
    }

    private static async Task<object?> FirstIdAsync<T>(AppDbContext db, string keyName) where T : class =>
        await db.Set<T>().Select(e => EF.Property<object>(e, keyName)).FirstOrDefaultAsync();

    private static IEnumerable<Microsoft.EntityFrameworkCore.Metadata.IEntityType> TenantTypes(AppDbContext db) =>
        db.Model.GetEntityTypes().Where(t => typeof(ITenantOwned).IsAssignableFrom(t.ClrType) && !t.IsOwned() && !t.HasSharedClrType);

    private static string? EntityFor(string segment, Dictionary<string, object> records)
    {
        if (RouteNames.TryGetValue(segment, out var name)) return name;
        return records.Keys.FirstOrDefault(k => string.Equals(k + "s", segment, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k + "es", segment, StringComparison.OrdinalIgnoreCase)
            || string.Equals(k, segment, StringComparison.OrdinalIgnoreCase)
            || (k.EndsWith('y') && string.Equals(k[..^1] + "ies", segment, StringComparison.OrdinalIgnoreCase)));
    }

    private static string ValueFor(RoutePatternParameterPart p, string segment, Dictionary<string, object> records, List<string> unmapped)
    {
        var constraint = Endpoints.ConstraintOf(p);
        var entity = EntityFor(segment, records);
        // A parameter named after its entity ("teamId") says which record it is, whatever the segment before it.
        if (p.Name.EndsWith("Id", StringComparison.Ordinal) && p.Name.Length > 2) entity = EntityFor(p.Name[..^2], records) ?? entity;
        if (entity is not null && records.TryGetValue(entity, out var id)
            && (constraint == "guid" ? id is Guid : id is long or int))
            return id.ToString()!;
        unmapped.Add($"{p.Name} after '{segment}'");
        return constraint == "guid" ? Guid.NewGuid().ToString() : Random.Shared.NextInt64(1_000_000_000, 2_000_000_000).ToString();
    }

    [Fact]
    public async Task Every_route_with_an_id_answers_404_for_a_record_of_another_organisation()
    {
        var ct = TestContext.Current.CancellationToken;
        var output = TestContext.Current.TestOutputHelper!;
        var client = await app.SignedInAllRolesAsync(app.A);
        var recordsA = await RecordsOfAsync(app.A.Id);
        var recordsB = await RecordsOfAsync(app.B.Id);
        recordsB.Keys.ShouldContain("Site");
        recordsB.Keys.ShouldContain("AuditEntry");

        var routes = Endpoints.All(app.Services).Where(e => e.Parameters.Any(Endpoints.IsIdLike)).ToList();
        routes.ShouldNotBeEmpty();
        var failures = new List<string>();
        var mappedRoutes = 0;
        foreach (var route in routes)
        {
            foreach (var method in route.Methods)
            {
                var unmapped = new List<string>();
                var path = route.Path((p, segment) => Endpoints.IsIdLike(p) ? ValueFor(p, segment, recordsB, unmapped) : "x");
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST" or "PUT" or "PATCH")
                    request.Content = JsonContent.Create(Endpoints.ValidBody(route.BodyType), route.BodyType ?? typeof(object));
                using var response = await client.SendAsync(request, ct);
                var status = (int)response.StatusCode;
                output.WriteLine($"{status} {method} {path}  ({route.Pattern}{(unmapped.Count > 0 ? "; random id for " + string.Join(", ", unmapped) : "; record of B")})");
                if (unmapped.Count == 0) mappedRoutes++;
                if (response.StatusCode != HttpStatusCode.NotFound)
                    failures.Add($"{method} {route.Pattern} → {status} for organisation B's record ({path}): {await response.Content.ReadAsStringAsync(ct)}");

                // The same route with organisation A's own record is found: the 404 above is the tenancy rule, not a bad route.
                if (method == "GET" && unmapped.Count == 0)
                {
                    var own = route.Path((p, segment) => Endpoints.IsIdLike(p) ? ValueFor(p, segment, recordsA, []) : "x");
                    using var ownResponse = await client.GetAsync(own, ct);
                    if (ownResponse.StatusCode == HttpStatusCode.NotFound)
                        failures.Add($"GET {route.Pattern} → 404 for organisation A's own record ({own}): the route or the mapping is wrong");
                }
            }
        }
        output.WriteLine($"{routes.Count} routes with an id covered, {mappedRoutes} calls with a real record of organisation B.");
        failures.ShouldBeEmpty();
        mappedRoutes.ShouldBeGreaterThanOrEqualTo(8, "the platform's own id routes (sites, teams, users, tokens, audit) use B's real records");
    }

    [Fact]
    public async Task Queries_as_organisation_A_never_return_rows_of_B_for_any_tenant_owned_entity()
    {
        using var scope = app.ScopeFor(app.A.Id);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var output = TestContext.Current.TestOutputHelper!;
        var types = TenantTypes(db).ToList();
        types.Select(t => t.ClrType.Name).ShouldContain("Site");
        foreach (var type in types)
        {
            var (visible, bRows) = await (Task<(List<Guid>, int)>)typeof(TenancyTests).GetMethod(nameof(OwnersAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                .MakeGenericMethod(type.ClrType).Invoke(null, [db, app.B.Id])!;
            output.WriteLine($"{type.ClrType.Name}: {bRows} rows of B in the database, organisations visible to A: {string.Join(", ", visible)}");
            visible.ShouldAllBe(o => o == app.A.Id, type.ClrType.Name);
        }
        (await db.Users.AnyAsync(u => u.OrganisationId == app.B.Id)).ShouldBeFalse("users of B");
        (await db.Organisations.Select(o => o.Id).ToListAsync()).ShouldBe([app.A.Id]);
    }

    private static async Task<(List<Guid>, int)> OwnersAsync<T>(AppDbContext db, Guid b) where T : class, ITenantOwned =>
        (await db.Set<T>().Select(e => e.OrganisationId).Distinct().ToListAsync(),
         await db.Set<T>().IgnoreQueryFilters().CountAsync(e => e.OrganisationId == b));

    [Fact]
    public async Task Writing_a_row_of_B_while_acting_for_A_throws()
    {
        var tested = new List<string>();
        using (var probe = app.ScopeFor(app.A.Id))
        {
            var probeDb = probe.ServiceProvider.GetRequiredService<AppDbContext>();
            foreach (var type in TenantTypes(probeDb).ToList())
            {
                foreach (var state in new[] { EntityState.Modified, EntityState.Deleted })
                {
                    using var scope = app.ScopeFor(app.A.Id);
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    var row = await (Task<object?>)typeof(TenancyTests).GetMethod(nameof(RowOfAsync), BindingFlags.NonPublic | BindingFlags.Static)!
                        .MakeGenericMethod(type.ClrType).Invoke(null, [db, app.B.Id])!;
                    if (row is null) continue;
                    db.Entry(row).State = state;
                    await Should.ThrowAsync<TenancyViolationException>(() => db.SaveChangesAsync(), $"{state} {type.ClrType.Name} of B");
                    tested.Add($"{state} {type.ClrType.Name}");
                }
            }
        }
        TestContext.Current.TestOutputHelper!.WriteLine(string.Join("\n", tested));
        tested.ShouldContain("Modified Site");
        tested.ShouldContain("Deleted Team");

        // Adding a row that names B, and touching B's users and organisation, are refused too.
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            db.Sites.Add(new Site { Name = "Intrus", OrganisationId = app.B.Id });
            await Should.ThrowAsync<TenancyViolationException>(() => db.SaveChangesAsync());
        }
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var user = await db.Users.IgnoreQueryFilters().FirstAsync(u => u.OrganisationId == app.B.Id);
            user.LastName = "Modifié par A";
            await Should.ThrowAsync<TenancyViolationException>(() => db.SaveChangesAsync());
        }
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var org = await db.Organisations.IgnoreQueryFilters().FirstAsync(o => o.Id == app.B.Id);
            org.Name = "Prise par A";
            await Should.ThrowAsync<TenancyViolationException>(() => db.SaveChangesAsync());
        }
        using (var scope = app.ScopeFor(app.A.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var site = await db.Sites.FirstAsync();
            site.OrganisationId = app.B.Id;
            await Should.ThrowAsync<TenancyViolationException>(() => db.SaveChangesAsync(), "moving a row to another organisation");
        }
        using (var scope = app.ScopeFor(app.B.Id))
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            (await db.Organisations.SingleAsync()).Name.ShouldBe(app.B.Name);
            (await db.Sites.CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        }
    }

    [Fact]
    public async Task Writing_without_an_organisation_is_refused()
    {
        using var scope = app.Services.CreateScope(); // no tenant set, as in a job that forgot to choose one
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        db.Sites.Add(new Site { Name = "Sans organisation" });
        await Should.ThrowAsync<TenancyViolationException>(() => db.SaveChangesAsync());
        using var check = app.ScopeFor(app.A.Id);
        (await check.ServiceProvider.GetRequiredService<AppDbContext>().Sites.IgnoreQueryFilters().AnyAsync(s => s.Name == "Sans organisation")).ShouldBeFalse();
    }

    private static async Task<object?> RowOfAsync<T>(AppDbContext db, Guid org) where T : class, ITenantOwned =>
        await db.Set<T>().IgnoreQueryFilters().FirstOrDefaultAsync(e => e.OrganisationId == org);

    [Fact]
    public async Task An_api_token_of_B_does_not_reach_A()
    {
        var ct = TestContext.Current.CancellationToken;
        var clientB = await app.SignedInAsync(app.B, Role.Admin);
        var (_, secret) = await AppFixture.CreateTokenAsync(clientB, Role.Admin);
        using var bearer = app.BearerClient(secret);
        (await bearer.GetAsync($"/api/sites/{app.A.SiteIds[0]}", ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await bearer.GetAsync($"/api/sites/{app.B.SiteIds[0]}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var sites = await bearer.GetFromJsonAsync<JsonElement[]>("/api/sites", ct);
        sites!.Select(s => s.GetProperty("id").GetGuid()).ShouldNotContain(app.A.SiteIds[0]);
        var users = await bearer.GetFromJsonAsync<JsonElement[]>("/api/users", ct);
        users!.Select(u => u.GetProperty("id").GetGuid()).ShouldNotContain(app.A.UserIds[Role.Admin]);
        users!.ShouldNotBeEmpty();
    }
}
