using System.Diagnostics;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Domain.Synthetic;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Bench;

/// <summary>
/// People in households and a year of activity for one organisation, in bulk: PostgreSQL binary COPY, SQLite
/// prepared INSERTs, in transactions of about 500,000 rows (<see cref="BulkInsert"/>, the demo's inserter). Rows
/// come from the same deterministic generator as the demo (<see cref="SyntheticActivity"/>); each person's
/// SearchName comes from the application's own <see cref="PersonNames.SearchKey"/>. One audit line per organisation
/// records the load, as the demo does.
/// </summary>
internal static class GeneratePeople
{
    private const long CommitEvery = 500_000;

    public static async Task<long> RunAsync(Db db, Guid orgId, IReadOnlyList<Site> sites, IReadOnlyList<Team> teams, IReadOnlyList<StaffMember> staff,
        int people, int perPerson, int seed, string? tokenFile)
    {
        var watch = Stopwatch.StartNew();
        await using var ctx = db.Context(orgId, "Génération du banc d'essai");
        ctx.ChangeTracker.AutoDetectChangesEnabled = false;
        await ctx.Database.OpenConnectionAsync();
        // SQLite's default page cache (2 MB) makes index inserts read pages back once the file outgrows it: with
        // 200,000 people the load slows down more and more. 256 MB of cache for this connection keeps it linear.
        if (db.Provider == DatabaseProvider.Sqlite) await ctx.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144");
        var transaction = await ctx.Database.BeginTransactionAsync();
        var bulk = new BulkInsert(ctx);
        var nextCommit = CommitEvery;
        async Task Add(object entity)
        {
            await bulk.AddAsync(entity);
            if (bulk.Total < nextCommit) return;
            await bulk.FlushAsync();
            await transaction.CommitAsync();
            await transaction.DisposeAsync();
            transaction = await ctx.Database.BeginTransactionAsync();
            nextCommit = bulk.Total + CommitEvery;
        }

        var organisation = new SyntheticOrganisation(orgId, sites, teams[0].Id, teams[1].Id, staff);
        var generator = new SyntheticActivity(seed, new DateTimeOffset(2026, 11, 23, 9, 0, 0, TimeSpan.Zero), organisation);
        var partners = generator.Partners();
        var reasons = generator.ReceptionReasons();
        foreach (var e in partners) await Add(e);
        foreach (var e in reasons) await Add(e);
        var refs = new List<PersonRef>(people + 16);
        var fileNumber = 1;
        long searchTerms = 0;
        foreach (var household in new SyntheticPopulation(seed, new DateOnly(2026, 11, 23)).Households(people))
        {
            var file = generator.File(household, ref fileNumber, refs);
            await Add(file.Household);
            foreach (var person in file.People)
            {
                person.SearchName = PersonNames.SearchKey(person);
                await Add(person);
                foreach (var team in person.Teams) await Add(team);
                foreach (var term in SearchTermRows(person)) { await Add(term); searchTerms++; }
            }
            foreach (var e in file.Members) await Add(e);
            foreach (var e in file.Incomes) await Add(e);
            foreach (var e in file.Charges) await Add(e);
            foreach (var e in file.Consents) await Add(e);
        }
        await bulk.FlushAsync();
        var peopleRows = bulk.Total;
        var peopleTime = watch.Elapsed.TotalSeconds;

        var volumes = ActivityVolumes.For(refs.Count, perPerson);
        foreach (var e in generator.Activity(refs, partners.Select(p => p.Id).ToList(), reasons.Select(r => r.Id).ToList(), volumes)) await Add(e);
        await bulk.FlushAsync();
        await bulk.DisposeCommandsAsync();
        await new AuditLog(ctx).RecordAsync(AuditAction.Create, "Organisation", orgId.ToString(),
            $"Jeu du banc d'essai chargé ({bulk.Total} enregistrements : {string.Join(", ", bulk.Written.Select(w => $"{w.Key} {w.Value}"))})");
        await transaction.CommitAsync();
        await transaction.DisposeAsync();

        var total = watch.Elapsed.TotalSeconds;
        var activity = bulk.Written.GetValueOrDefault("Appointment") + bulk.Written.GetValueOrDefault("Interview") + bulk.Written.GetValueOrDefault("ReceptionVisit");
        Console.WriteLine($"    people: {refs.Count} people, {peopleRows} rows with households and resources in {peopleTime:F1} s " +
                          $"({peopleRows / Math.Max(0.001, peopleTime):F0} rows/s); search terms: {(searchTerms == 0 ? "NOT GENERATED (no search-term table on this branch: fill GeneratePeople.SearchTermRows)" : searchTerms.ToString())}");
        Console.WriteLine($"    activity: {activity} appointments + interviews + contacts, {bulk.Total - peopleRows} rows in all in {total - peopleTime:F1} s " +
                          $"({(bulk.Total - peopleRows) / Math.Max(0.001, total - peopleTime):F0} rows/s)");
        Console.WriteLine($"    rows: {string.Join(", ", bulk.Written.Select(w => $"{w.Key} {w.Value}"))}");
        if (tokenFile is not null) await WriteTokenAsync(db, orgId, teams, tokenFile);
        return bulk.Total;
    }

    /// <summary>The person's rows of the search-term index, built by the application's own code (what a save writes).</summary>
    private static IEnumerable<object> SearchTermRows(Person person) => PersonSearchIndex.RowsOf(person);

    /// <summary>
    /// A benchmark account holding the social worker (both teams), manager and statistics reader roles, and an API
    /// token with those roles; the secret and the organisation go to <paramref name="path"/> (JSON) for the HTTP benchmarks.
    /// </summary>
    private static async Task WriteTokenAsync(Db db, Guid orgId, IReadOnlyList<Team> teams, string path)
    {
        await using var ctx = db.Context(orgId, "Génération du banc d'essai");
        var email = $"banc.{orgId.ToString("N")[..8]}@bench.openccas.fr";
        var user = new AppUser
        {
            Id = Guid.CreateVersion7(), OrganisationId = orgId, FirstName = "Banc", LastName = "D'ESSAI", Email = email,
            NormalizedEmail = email.ToUpperInvariant(), UserName = email, NormalizedUserName = email.ToUpperInvariant(), EmailConfirmed = true,
            SecurityStamp = Guid.NewGuid().ToString("N").ToUpperInvariant(), ConcurrencyStamp = Guid.NewGuid().ToString(),
            PasswordHash = new Microsoft.AspNetCore.Identity.PasswordHasher<AppUser>().HashPassword(null!, DemoSeeder.Password),
        };
        ctx.Users.Add(user);
        Role[] roles = [Role.SocialWorker, Role.Manager, Role.StatsReader];
        foreach (var role in roles) ctx.RoleAssignments.Add(new RoleAssignment { OrganisationId = orgId, UserId = user.Id, Role = role });
        foreach (var team in teams.Take(2)) ctx.TeamMembers.Add(new TeamMember { OrganisationId = orgId, UserId = user.Id, TeamId = team.Id });
        var secret = ApiToken.NewSecret();
        ctx.ApiTokens.Add(new ApiToken
        {
            OrganisationId = orgId, UserId = user.Id, Name = "Banc d'essai", TokenHash = ApiToken.Hash(secret),
            Roles = string.Join(',', roles), ExpiresAt = DateTimeOffset.UtcNow.AddDays(30),
        });
        await ctx.SaveChangesAsync();
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new BenchToken(orgId, user.Id, email, secret)));
        Console.WriteLine($"    API token of {email} (roles {string.Join(", ", roles)}) written to {path}");
    }

    /// <summary>Fresh planner statistics after a bulk load.</summary>
    public static async Task AnalyzeAsync(Db db)
    {
        var watch = Stopwatch.StartNew();
        await using var ctx = db.Context(null);
        ctx.Database.SetCommandTimeout(TimeSpan.FromMinutes(10));
        await ctx.Database.ExecuteSqlRawAsync("ANALYZE");
        Console.WriteLine($"generate: ANALYZE in {watch.Elapsed.TotalSeconds:F1} s");
    }
}

internal sealed record BenchToken(Guid OrganisationId, Guid UserId, string Email, string Secret);
