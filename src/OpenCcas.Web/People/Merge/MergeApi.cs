using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Merge;

/// <summary>POST /api/people/{id}/merge { "duplicateId": … } — merges the duplicate into the file {id} (managers).</summary>
public static class MergeApi
{
    public sealed class MergeInput
    {
        /// <summary>The file merged into {id}: it becomes inactive, its history moves to {id}.</summary>
        public Guid DuplicateId { get; set; }
    }
    public sealed record MergeResultDto(Guid KeptId, Guid DuplicateId, int Moved);

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/people/{id:guid}/merge", async Task<IResult> (Guid id, MergeInput input, AppDbContext db, AuditLog audit,
                CurrentUser current, CancellationToken ct) =>
            {
                var actor = await current.RequireActorAsync(ct);
                if (input.DuplicateId == Guid.Empty)
                {
                    // The file {id} must exist for this actor before the input is judged (404 across organisations).
                    var (access, _) = await PersonFiles.OpenAsync(db, actor, id, FilePart.Sensitive, ct: ct);
                    if (access == FileAccess.NotFound) return Results.NotFound();
                    if (access == FileAccess.Denied) return Denied();
                    return Results.ValidationProblem(new Dictionary<string, string[]> { ["duplicateId"] = ["Indiquez le dossier en double à fusionner."] },
                        title: "La requête contient des erreurs.");
                }
                var result = await PersonMerge.MergeAsync(db, audit, actor, id, input.DuplicateId, ct);
                return result.Outcome switch
                {
                    MergeOutcome.Merged => Results.Ok(new MergeResultDto(id, input.DuplicateId, result.Moved)),
                    MergeOutcome.NotFound => Results.NotFound(),
                    MergeOutcome.Denied => Denied(),
                    MergeOutcome.Conflict => Results.Problem(statusCode: 409, title: result.Error),
                    _ => Results.ValidationProblem(new Dictionary<string, string[]> { ["duplicateId"] = [result.Error!] },
                        title: "La requête contient des erreurs."),
                };
            })
            .RequireAuthorization(PermissionPolicies.For(Permission.MergePeople))
            .WithSummary("Fusionne un dossier en double dans le dossier {id} (tout son historique y est rattaché)");
    }

    private static IResult Denied() => Results.Problem(statusCode: 403, title: "Accès refusé : vous ne pouvez pas ouvrir l'un de ces dossiers.");
}
