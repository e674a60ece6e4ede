using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform;

/// <summary>The platform's JSON API: organisation, sites, teams, users, personal tokens, audit log.</summary>
public static class PlatformApi
{
    public sealed record SiteDto(Guid Id, string Name, SiteKind Kind, string? Address, string? Phone, string? OpeningHours, bool Active, int Version);
    public sealed record TeamDto(Guid Id, string Name, string? Description, int Version);
    public sealed record OrganisationDto(Guid Id, OrganisationKind Kind, string Name, string[] Communes, string? Siret, string? Address, bool RequireTwoFactor, int Version);
    public sealed record TokenDto(Guid Id, string Name, string[] Roles, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt, DateTimeOffset? RevokedAt, DateTimeOffset? LastUsedAt);
    public sealed record NewTokenDto(TokenDto Token, string Secret);
    public sealed record AuditDto(long Id, long Sequence, DateTimeOffset At, Guid? UserId, string? UserName, string Action, string EntityType, string? EntityId, string? Details, string Hash, DateTimeOffset? RedactedAt);
    /// <summary>Shown once: the agent must replace it at the next sign-in.</summary>
    public sealed record TemporaryPasswordDto(string Password);
    public sealed record MeDto(Guid UserId, Guid OrganisationId, string[] Roles);

    private static SiteDto Dto(Site s) => new(s.Id, s.Name, s.Kind, s.Address, s.Phone, s.OpeningHours, s.Active, s.Version);
    private static TeamDto Dto(Team t) => new(t.Id, t.Name, t.Description, t.Version);
    internal static TokenDto Dto(ApiToken t) => new(t.Id, t.Name, t.RoleList.Select(r => r.ToString()).ToArray(), t.CreatedAt, t.ExpiresAt, t.RevokedAt, t.LastUsedAt);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/me", async (CurrentUser current) =>
        {
            var a = await current.RequireActorAsync();
            return new MeDto(a.UserId, a.OrganisationId, a.Roles.Select(r => r.ToString()).ToArray());
        });

        var org = api.MapGroup("/organisation").RequireAuthorization(PermissionPolicies.For(Permission.ManageOrganisation));
        org.MapGet("/", async (AppDbContext db) =>
        {
            var o = await db.Organisations.SingleAsync();
            return new OrganisationDto(o.Id, o.Kind, o.Name, o.CommuneList.ToArray(), o.Siret, o.Address, o.RequireTwoFactor, o.Version);
        });
        org.MapPut("/", async Task<IResult> (OrganisationInput input, AppDbContext db) =>
        {
            if (Invalid(input.Check()) is { } problem) return problem;
            var o = await db.Organisations.SingleAsync();
            if (o.Version != input.Version) return Conflict();
            input.ApplyTo(o);
            return await SaveAsync(db, () => Results.NoContent());
        });

        var sites = api.MapGroup("/sites");
        sites.MapGet("/", async (AppDbContext db) => (await db.Sites.AsNoTracking().OrderBy(s => s.Name).ToListAsync()).Select(Dto));
        sites.MapGet("/{id:guid}", async Task<Results<Ok<SiteDto>, NotFound>> (Guid id, AppDbContext db) =>
            await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == id) is { } s ? TypedResults.Ok(Dto(s)) : TypedResults.NotFound());
        var siteAdmin = sites.MapGroup("/").RequireAuthorization(PermissionPolicies.For(Permission.ManageSites));
        siteAdmin.MapPost("/", async Task<IResult> (SiteInput input, AppDbContext db) =>
        {
            if (Invalid(await input.CheckAsync(db, null)) is { } problem) return problem;
            var site = new Site { Name = input.Name };
            input.ApplyTo(site);
            db.Sites.Add(site);
            return await SaveAsync(db, () => Results.Created($"/api/sites/{site.Id}", Dto(site)));
        });
        siteAdmin.MapPut("/{id:guid}", async Task<IResult> (Guid id, SiteInput input, AppDbContext db) =>
        {
            var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == id);
            if (site is null) return Results.NotFound();
            if (Invalid(await input.CheckAsync(db, id)) is { } problem) return problem;
            if (site.Version != input.Version) return Conflict();
            input.ApplyTo(site);
            return await SaveAsync(db, () => Results.Ok(Dto(site)));
        });
        siteAdmin.MapDelete("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db) =>
        {
            var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == id);
            if (site is null) return Results.NotFound();
            db.Sites.Remove(site);
            return await SaveAsync(db, () => Results.NoContent());
        });

        var teams = api.MapGroup("/teams");
        teams.MapGet("/", async (AppDbContext db) => (await db.Teams.AsNoTracking().OrderBy(t => t.Name).ToListAsync()).Select(Dto));
        teams.MapGet("/{id:guid}", async Task<Results<Ok<TeamDto>, NotFound>> (Guid id, AppDbContext db) =>
            await db.Teams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == id) is { } t ? TypedResults.Ok(Dto(t)) : TypedResults.NotFound());
        var teamAdmin = teams.MapGroup("/").RequireAuthorization(PermissionPolicies.For(Permission.ManageTeams));
        teamAdmin.MapPost("/", async Task<IResult> (TeamInput input, AppDbContext db) =>
        {
            if (Invalid(await input.CheckAsync(db, null)) is { } problem) return problem;
            var team = new Team { Name = input.Name };
            input.ApplyTo(team);
            db.Teams.Add(team);
            return await SaveAsync(db, () => Results.Created($"/api/teams/{team.Id}", Dto(team)));
        });
        teamAdmin.MapPut("/{id:guid}", async Task<IResult> (Guid id, TeamInput input, AppDbContext db) =>
        {
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id);
            if (team is null) return Results.NotFound();
            if (Invalid(await input.CheckAsync(db, id)) is { } problem) return problem;
            if (team.Version != input.Version) return Conflict();
            input.ApplyTo(team);
            return await SaveAsync(db, () => Results.Ok(Dto(team)));
        });
        teamAdmin.MapDelete("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db) =>
        {
            var team = await db.Teams.FirstOrDefaultAsync(t => t.Id == id);
            if (team is null) return Results.NotFound();
            db.Teams.Remove(team);
            return await SaveAsync(db, () => Results.NoContent());
        });

        var users = api.MapGroup("/users").RequireAuthorization(PermissionPolicies.For(Permission.ManageUsers));
        users.MapGet("/", async (UserAccounts accounts) => await accounts.ListAsync());
        users.MapGet("/{id:guid}", async Task<IResult> (Guid id, UserAccounts accounts) =>
            (await accounts.ListAsync(id)).SingleOrDefault() is { } u ? Results.Ok(u) : Results.NotFound());
        users.MapPost("/", async Task<IResult> (UserInput input, AppDbContext db, UserAccounts accounts) =>
        {
            if (Invalid(await input.CheckAsync(db)) is { } problem) return problem;
            var (user, errors) = await accounts.CreateAsync(input, null);
            if (user is null) return Results.ValidationProblem(new Dictionary<string, string[]> { ["Email"] = errors.ToArray() }, title: "La requête contient des erreurs.");
            return Results.Created($"/api/users/{user.Id}", (await accounts.ListAsync(user.Id)).Single());
        });
        users.MapPut("/{id:guid}", async Task<IResult> (Guid id, UserInput input, AppDbContext db, UserAccounts accounts) =>
        {
            var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id);
            if (user is null) return Results.NotFound();
            if (Invalid(await input.CheckAsync(db)) is { } problem) return problem;
            var errors = (await accounts.UpdateAsync(user, input)).ToArray();
            return errors.Length > 0
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["Email"] = errors }, title: "La requête contient des erreurs.")
                : Results.Ok((await accounts.ListAsync(id)).Single());
        });

        users.MapPost("/{id:guid}/temporary-password", async Task<IResult> (Guid id, AppDbContext db, UserAccounts accounts) =>
            await db.Users.FirstOrDefaultAsync(u => u.Id == id) is { } user
                ? Results.Ok(new TemporaryPasswordDto(await accounts.GiveTemporaryPasswordAsync(user)))
                : Results.NotFound());
        users.MapPost("/{id:guid}/unlock", async Task<IResult> (Guid id, AppDbContext db, UserAccounts accounts) =>
        {
            if (await db.Users.FirstOrDefaultAsync(u => u.Id == id) is not { } user) return Results.NotFound();
            await accounts.UnlockAsync(user);
            return Results.NoContent();
        });
        users.MapPost("/{id:guid}/reset-two-factor", async Task<IResult> (Guid id, AppDbContext db, UserAccounts accounts) =>
        {
            if (await db.Users.FirstOrDefaultAsync(u => u.Id == id) is not { } user) return Results.NotFound();
            await accounts.ResetTwoFactorAsync(user);
            return Results.NoContent();
        });

        var tokens = api.MapGroup("/tokens").RequireAuthorization(PermissionPolicies.For(Permission.ManageOwnApiTokens));
        tokens.MapGet("/", async (AppDbContext db, CurrentUser current) =>
        {
            var me = (await current.RequireActorAsync()).UserId;
            return (await db.ApiTokens.AsNoTracking().Where(t => t.UserId == me).OrderByDescending(t => t.CreatedAt).ToListAsync()).Select(Dto);
        });
        tokens.MapPost("/", async Task<IResult> (TokenInput input, ApiTokens service) =>
        {
            var (created, secret, error) = await service.CreateAsync(input);
            return created is null
                ? Results.ValidationProblem(new Dictionary<string, string[]> { ["Roles"] = [error!] }, title: "La requête contient des erreurs.")
                : Results.Created($"/api/tokens/{created.Id}", new NewTokenDto(Dto(created), secret!));
        });
        tokens.MapDelete("/{id:guid}", async Task<IResult> (Guid id, ApiTokens service) =>
            await service.RevokeAsync(id) ? Results.NoContent() : Results.NotFound());

        var audit = api.MapGroup("/audit").RequireAuthorization(PermissionPolicies.For(Permission.ReadAuditLog));
        audit.MapGet("/", async ([AsParameters] AuditQuery query, AppDbContext db) =>
            (await query.Apply(db.AuditEntries.AsNoTracking()).Take(Math.Clamp(query.Take ?? 100, 1, 1000)).ToListAsync()).Select(Dto));
        audit.MapGet("/{id:long}", async Task<IResult> (long id, AppDbContext db) =>
            await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(a => a.Id == id) is { } e ? Results.Ok(Dto(e)) : Results.NotFound());
        audit.MapGet("/verify", async (AppDbContext db) => await AuditVerifier.VerifyAsync(db));
    }

    internal static AuditDto Dto(AuditEntry e) => new(e.Id, e.Sequence, e.At, e.UserId, e.UserName, e.Action.ToString(), e.EntityType, e.EntityId, e.Details, e.Hash, e.RedactedAt);

    private static IResult? Invalid(IEnumerable<(string Field, string Message)> errors)
    {
        var list = errors.ToList();
        return list.Count == 0 ? null : Results.ValidationProblem(
            list.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()), title: "La requête contient des erreurs.");
    }

    private static IResult Conflict() => Results.Problem(statusCode: 409,
        title: "Conflit : l'enregistrement a été modifié par quelqu'un d'autre entre-temps.",
        detail: "Relisez la version actuelle (GET) et renvoyez vos modifications avec son numéro de version.");

    private static async Task<IResult> SaveAsync(AppDbContext db, Func<IResult> ok)
    {
        try
        {
            await db.SaveChangesAsync();
            return ok();
        }
        catch (DbUpdateConcurrencyException)
        {
            return Conflict();
        }
    }
}
