using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Mvc;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Rights;

/// <summary>The person's right of access: everything held about them, as JSON (for machines) or PDF (for them).</summary>
public static class PersonRightsEndpoints
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static void Map(WebApplication app, RouteGroupBuilder api)
    {
        var policy = PermissionPolicies.For(Permission.ExportPersonalData);
        app.MapGet("/personnes/{id:guid}/export.json", (Guid id, AppDbContext db, CurrentUser current, AuditLog audit, CancellationToken ct) =>
            ExportAsync(id, db, current, audit, "JSON", ct)).RequireAuthorization(policy);
        app.MapGet("/personnes/{id:guid}/export.pdf", (Guid id, AppDbContext db, CurrentUser current, AuditLog audit, CancellationToken ct) =>
            ExportAsync(id, db, current, audit, "PDF", ct)).RequireAuthorization(policy);
        api.MapGet("/people/{id:guid}/export", (Guid id, AppDbContext db, CurrentUser current, AuditLog audit, CancellationToken ct) =>
            ExportAsync(id, db, current, audit, "API", ct)).RequireAuthorization(policy).WithTags("Personnes");

        PersonFileSections.Register(new PersonFileSection("Droits de la personne", "PersonRightsPanel", FilePart.Identity, 900));
        AuditLabels.Register("PersonData", "Données d'une personne");
    }

    private static async Task<IResult> ExportAsync(Guid id, AppDbContext db, CurrentUser current, AuditLog audit, string format, CancellationToken ct)
    {
        var actor = await current.RequireActorAsync(ct);
        var (access, _) = await PersonFiles.OpenAsync(db, actor, id, FilePart.Sensitive, ct: ct);
        if (access == FileAccess.NotFound) return Results.NotFound();
        if (access == FileAccess.Denied) return Results.Forbid();
        // Recorded first, so that the access log in the export shows this export too.
        await audit.RecordAsync(AuditAction.Export, "Person", id.ToString(), $"Export de tout le dossier ({format}) au titre du droit d'accès", ct);
        var data = (await PersonDataExport.CollectAsync(db, actor, id, ct))!;
        var name = $"dossier-{data.Person.GetValueOrDefault("FileNumber")}-{DateTimeOffset.UtcNow.ToParis():yyyy-MM-dd}";
        return format switch
        {
            "PDF" => Results.File(PersonDataPdf.Write(data), "application/pdf", name + ".pdf"),
            "JSON" => Results.File(JsonSerializer.SerializeToUtf8Bytes(data, Json), "application/json", name + ".json"),
            _ => Results.Json(data, Json),
        };
    }
}

/// <summary>On the person file, for those who may export personal data: the two exports of the right of access.</summary>
public sealed class PersonRightsPanelViewComponent(CurrentUser current) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync(Guid personId)
    {
        if (!await current.CanAsync(Permission.ExportPersonalData)) return Content("");
        return View("/People/Rights/_PersonRightsPanel.cshtml", personId);
    }
}
