using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.People.Search;

namespace OpenCcas.Web.People;

/// <summary>GET /api/people/search?q=…&amp;limit=… — search as you type (the contract the benchmark uses).</summary>
public static class SearchApi
{
    public sealed record PersonHitDto(Guid Id, int FileNumber, string DisplayName, DateOnly? BirthDate, string? Phone, string? City, PersonStatus Status);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapGet("/people/search", async (string? q, int? limit, AppDbContext db, CurrentUser current, CancellationToken ct) =>
            {
                var actor = await current.RequireActorAsync(ct);
                var hits = await PeopleSearch.SearchAsync(db, actor, q, limit ?? PeopleSearch.DefaultLimit, ct);
                return hits.Select(h => new PersonHitDto(h.Id, h.FileNumber, h.DisplayName, h.BirthDate, h.Phone, h.City, h.Status));
            })
            .RequireAuthorization(PermissionPolicies.For(Permission.SearchPeople))
            .WithSummary("Recherche de personnes (nom, date de naissance, téléphone, n° de dossier), parmi les dossiers que l'utilisateur peut ouvrir");
    }
}
