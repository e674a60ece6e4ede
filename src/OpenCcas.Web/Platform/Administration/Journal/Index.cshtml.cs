using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.Platform.Administration.Journal;

[Permission(Permission.ReadAuditLog)]
public sealed class IndexModel(AppDbContext db) : PageModel
{
    private const int PageSize = 50;
    public sealed record Agent(Guid Id, string Name);

    [BindProperty(SupportsGet = true)] public AuditQuery Query { get; set; } = new();
    public List<AuditEntry> Entries { get; private set; } = [];
    public List<string> EntityTypes { get; private set; } = [];
    public List<Agent> Agents { get; private set; } = [];
    public long? NextBefore { get; private set; }
    public ChainReport? Report { get; private set; }

    public async Task OnGetAsync()
    {
        Entries = await Query.Apply(db.AuditEntries.AsNoTracking()).Take(PageSize).ToListAsync();
        NextBefore = Entries.Count == PageSize ? Entries[^1].Id : null;
        EntityTypes = await db.AuditEntries.Select(e => e.EntityType).Distinct().OrderBy(t => t).ToListAsync();
        Agents = await db.Users.AsNoTracking().OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new Agent(u.Id, u.LastName + " " + u.FirstName)).ToListAsync();
    }

    public async Task<IActionResult> OnPostVerifyAsync()
    {
        Report = await AuditVerifier.VerifyAsync(db);
        await OnGetAsync();
        return Page();
    }

    public string PageUrl(long before)
    {
        var q = new Dictionary<string, string?>
        {
            ["Action"] = Query.Action?.ToString(), ["EntityType"] = Query.EntityType, ["UserId"] = Query.UserId?.ToString(),
            ["From"] = Query.From?.ToString("yyyy-MM-dd"), ["To"] = Query.To?.ToString("yyyy-MM-dd"), ["Before"] = before.ToString(),
        };
        return QueryHelpers.AddQueryString("/administration/journal", q.Where(kv => !string.IsNullOrEmpty(kv.Value)));
    }

    public static string Label(AuditAction a) => a switch
    {
        AuditAction.Create => "Création",
        AuditAction.Update => "Modification",
        AuditAction.Delete => "Suppression",
        AuditAction.Read => "Consultation",
        AuditAction.Export => "Export",
        AuditAction.Print => "Impression",
        AuditAction.SignIn => "Connexion",
        AuditAction.SignInFailed => "Échec de connexion",
        AuditAction.SignOut => "Déconnexion",
        AuditAction.Anonymise => "Anonymisation du journal",
        AuditAction.Purge => "Purge du journal",
        _ => a.ToString(),
    };
}
