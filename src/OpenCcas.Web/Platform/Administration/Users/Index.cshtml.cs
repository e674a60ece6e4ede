using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Web;

namespace OpenCcas.Web.Platform.Administration.Users;

[Permission(Permission.ManageUsers)]
public sealed class IndexModel(UserAccounts accounts) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public List<UserSummary> Users { get; private set; } = [];

    public async Task OnGetAsync()
    {
        Users = await accounts.ListAsync();
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Text.Fold(Q);
            Users = Users.Where(u => Text.Fold($"{u.FirstName} {u.LastName} {u.Email}").Contains(q)).ToList();
        }
    }
}
