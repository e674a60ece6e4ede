using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Audit;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Retention;

/// <summary>
/// The files that the retention job will anonymise within the review period (a month by default), with their last
/// operation; a manager may extend one ("Prolonger"): it records an operation today, with a reason, audited.
/// </summary>
[Permission(Permission.ReviewRetention)]
public sealed class IndexModel(AppDbContext db, IConfiguration config, AuditLog audit) : PageModel
{
    public sealed class ExtendInput
    {
        public Guid PersonId { get; set; }
        [Required(ErrorMessage = "Indiquez la raison de la prolongation.")]
        [StringLength(500, ErrorMessage = "La raison ne doit pas dépasser 500 caractères.")]
        public string? Reason { get; set; }
    }

    public List<RetentionCandidate> Files { get; private set; } = [];
    public RetentionRules Rules { get; } = RetentionJob.RulesFrom(config);
    [BindProperty] public ExtendInput Input { get; set; } = new();

    public async Task OnGetAsync(CancellationToken ct) => Files = await RetentionRunner.ReviewListAsync(db, Rules, DateTimeOffset.UtcNow, ct: ct);

    public async Task<IActionResult> OnPostExtendAsync(CancellationToken ct)
    {
        var person = await db.Set<Person>().FirstOrDefaultAsync(p => p.Id == Input.PersonId && p.Status != PersonStatus.Anonymised, ct);
        if (person is null) return NotFound();
        if (!ModelState.IsValid)
        {
            await OnGetAsync(ct);
            return Page();
        }
        person.LastOperationAt = DateTimeOffset.UtcNow;
        // The change of LastOperationAt and the reason are written in one save.
        await audit.RecordAsync(AuditAction.Update, "Person", person.Id.ToString(), $"Conservation prolongée : « {Input.Reason!.Trim()} »", ct);
        TempData["Message"] = $"La conservation du dossier n° {person.FileNumber} est prolongée jusqu'au {Rules.ExpiryOf(person.LastOperationAt).DisplayDate()}.";
        return RedirectToPage();
    }
}
