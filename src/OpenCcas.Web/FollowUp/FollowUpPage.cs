using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCcas.Web.People;
using FileAccess = OpenCcas.Web.People.FileAccess;

namespace OpenCcas.Web.FollowUp;

/// <summary>What the follow-up pages share: the answer to a record out of reach, and the form errors.</summary>
public abstract class FollowUpPage : PageModel
{
    /// <summary>404 for a record that does not exist (or belongs to another organisation), the "accès refusé" page for one out of reach.</summary>
    protected IActionResult? Refused(FileAccess access) => access switch
    {
        FileAccess.NotFound => NotFound(),
        FileAccess.Denied => Forbid(),
        _ => null,
    };

    protected void AddErrors(IEnumerable<(string Field, string Message)> errors, string prefix = "Input.")
    {
        foreach (var (field, message) in errors) ModelState.AddModelError(prefix + field, message);
    }
}
