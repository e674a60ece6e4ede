using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform.Administration.Journal;

[Permission(Permission.ReadAuditLog)]
public sealed class DetailModel(AppDbContext db) : PageModel
{
    public AuditEntry Entry { get; private set; } = null!;
    public List<(string Field, string? Before, string? After)> Changes { get; private set; } = [];
    /// <summary>For the log's own anonymisations and purges, what they did.</summary>
    public string? Summary { get; private set; }

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id) is not { } entry) return NotFound();
        Entry = entry;
        if (entry.Action is AuditAction.Create or AuditAction.Update or AuditAction.Delete && entry.Details is { Length: > 0 } json && json.StartsWith('{'))
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var values = p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.ToString()).ToArray();
                Changes.Add((p.Name, values.ElementAtOrDefault(0), values.ElementAtOrDefault(1)));
            }
        }
        Summary = entry.Action switch
        {
            AuditAction.Anonymise when AuditRedactionRecord.Parse(entry.Details) is { } r =>
                $"{r.Count} entrée(s) du journal anonymisée(s) : n° {r.Lines.Replace(",", ", ")}.",
            AuditAction.Purge when AuditPurgeRecord.Parse(entry.Details) is { } p =>
                $"{p.Count} entrée(s) antérieure(s) au {p.Before.DisplayDate()} supprimée(s) ; la chaîne commence à l'entrée n° {p.FirstSequence}.",
            _ => null,
        };
        return Page();
    }
}
