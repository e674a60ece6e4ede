using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.FollowUp;
using OpenCcas.Domain.Partners;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.FollowUp;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Partners;

/// <summary>The partner directory's JSON API: reading for the desk and social roles, writing with ManagePartners.</summary>
public static class PartnersApi
{
    public sealed record PartnerDto(Guid Id, string Name, PartnerKind Kind, string KindLabel, string? ContactName, string? Phone,
        string? Email, string? Address, string? Services, bool Active, int Version, int Referrals);

    internal static PartnerDto Dto(Partner p, int referrals) =>
        new(p.Id, p.Name, p.Kind, PartnerLabels.Label(p.Kind), p.ContactName, p.Phone, p.Email, p.Address, p.Services, p.Active, p.Version, referrals);

    public static void Map(RouteGroupBuilder api)
    {
        var partners = api.MapGroup("/partners").RequireAuthorization(PermissionPolicies.For(Permission.ViewPartners));
        partners.MapGet("/", async ([AsParameters] PartnerSearch search, AppDbContext db) =>
        {
            var list = await search.RunAsync(db);
            var ids = list.Select(p => p.Id).ToList();
            var counts = await db.Set<Referral>().Where(r => ids.Contains(r.PartnerId)).GroupBy(r => r.PartnerId)
                .Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count);
            return list.Select(p => Dto(p, counts.GetValueOrDefault(p.Id)));
        });
        partners.MapGet("/{id:guid}", async Task<IResult> (Guid id, AppDbContext db) =>
            await db.Set<Partner>().AsNoTracking().FirstOrDefaultAsync(p => p.Id == id) is { } p
                ? Results.Ok(Dto(p, await db.Set<Referral>().CountAsync(r => r.PartnerId == id)))
                : Results.NotFound());

        var manage = partners.MapGroup("/").RequireAuthorization(PermissionPolicies.For(Permission.ManagePartners));
        manage.MapPost("/", async Task<IResult> (PartnerInput input, AppDbContext db) =>
        {
            if (Api.Invalid(await input.CheckAsync(db, null)) is { } problem) return problem;
            var partner = new Partner { Name = input.Name };
            input.ApplyTo(partner);
            db.Add(partner);
            return await Api.SaveAsync(db, () => Results.Created($"/api/partners/{partner.Id}", Dto(partner, 0)));
        });
        manage.MapPut("/{id:guid}", async Task<IResult> (Guid id, PartnerInput input, AppDbContext db) =>
        {
            var partner = await db.Set<Partner>().FirstOrDefaultAsync(p => p.Id == id);
            if (partner is null) return Results.NotFound();
            if (Api.Invalid(await input.CheckAsync(db, id)) is { } problem) return problem;
            if (partner.Version != input.Version) return Api.Conflict();
            input.ApplyTo(partner);
            return await Api.SaveAsync(db, async () => Results.Ok(Dto(partner, await db.Set<Referral>().CountAsync(r => r.PartnerId == id))));
        });
    }
}
