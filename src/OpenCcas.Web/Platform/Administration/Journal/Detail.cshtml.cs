using System.Text.Json;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform.Administration.Journal;

[Permission(Permission.ReadAuditLog)]
public sealed class DetailModel(AppDbContext db) : PageModel
{
    public AuditEntry Entry { get; private set; } = null!;
    public List<(string Field, string? Before, string? After)> Changes { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(long id)
    {
        if (await db.AuditEntries.AsNoTracking().FirstOrDefaultAsync(e => e.Id == id) is not { } entry) return NotFound();
        Entry = entry;
        if (entry.Action is AuditAction.Create or AuditAction.Update or AuditAction.Delete && entry.Details is { Length: > 0 } json)
        {
            using var doc = JsonDocument.Parse(json);
            foreach (var p in doc.RootElement.EnumerateObject())
            {
                var values = p.Value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.Null ? null : v.ToString()).ToArray();
                Changes.Add((p.Name, values.ElementAtOrDefault(0), values.ElementAtOrDefault(1)));
            }
        }
        return Page();
    }
}
