using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;

namespace OpenCcas.Web.People.Files;

/// <summary>
/// Monthly incomes and charges, edited as one list each: change a row, tick "Supprimer" to remove it, fill an empty
/// row to add one. Amounts are typed the French way (comma decimals, spaces between thousands).
/// </summary>
public sealed class ResourcesModel(AppDbContext db, CurrentUser current) : PersonPageModel(db, current)
{
    public sealed class Line<TKind> where TKind : struct, Enum
    {
        public TKind Kind { get; set; }
        public string? Amount { get; set; }
        public string? Label { get; set; }
        public bool Remove { get; set; }
        public bool IsEmpty => string.IsNullOrWhiteSpace(Amount) && string.IsNullOrWhiteSpace(Label);
    }

    [BindProperty] public List<Line<IncomeKind>> Incomes { get; set; } = [];
    [BindProperty] public List<Line<ChargeKind>> Charges { get; set; } = [];
    [BindProperty] public int Version { get; set; }
    public bool Conflicted { get; private set; }
    public decimal TotalIncomes { get; private set; }
    public decimal TotalCharges { get; private set; }

    public const int EmptyRows = 2;

    public async Task<IActionResult> OnGetAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Resources) is { } refused) return refused;
        await FillAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id)
    {
        if (await LoadAsync(id, FilePart.Resources, tracked: true) is { } refused) return refused;
        if (Frozen) return Forbid();
        var input = new ResourcesInput { Version = Version };
        for (var i = 0; i < Incomes.Count; i++)
        {
            var line = Incomes[i];
            if (line.Remove || line.IsEmpty) continue;
            if (!FrenchInput.TryAmount(line.Amount, out var amount)) { ModelState.AddModelError($"Incomes[{i}].Amount", $"Ressource {i + 1} : le montant « {line.Amount} » n'est pas un nombre (exemple : 646,52)."); continue; }
            input.Incomes.Add(new IncomeRow(line.Kind, amount, line.Label));
        }
        for (var i = 0; i < Charges.Count; i++)
        {
            var line = Charges[i];
            if (line.Remove || line.IsEmpty) continue;
            if (!FrenchInput.TryAmount(line.Amount, out var amount)) { ModelState.AddModelError($"Charges[{i}].Amount", $"Charge {i + 1} : le montant « {line.Amount} » n'est pas un nombre (exemple : 420,00)."); continue; }
            input.Charges.Add(new ChargeRow(line.Kind, amount, line.Label));
        }
        foreach (var (field, message) in input.Check()) ModelState.AddModelError("", message);
        if (!ModelState.IsValid) { await TotalsAsync(); return Page(); }
        if (Person.Version != Version) return await ShowConflictAsync();
        await PersonFileService.ReplaceResourcesAsync(Db, Person, input);
        try
        {
            await Db.SaveChangesAsync();
        }
        catch (DbUpdateConcurrencyException)
        {
            Db.ChangeTracker.Clear();
            await LoadAsync(id, FilePart.Resources);
            return await ShowConflictAsync();
        }
        TempData["Message"] = "Ressources et charges enregistrées.";
        return Redirect($"/personnes/{id}/ressources");
    }

    private async Task<IActionResult> ShowConflictAsync()
    {
        Conflicted = true;
        ModelState.Remove(nameof(Version));
        Version = Person.Version;
        await TotalsAsync();
        return Page();
    }

    private async Task FillAsync()
    {
        var incomes = await Db.Set<PersonIncome>().AsNoTracking().Where(i => i.PersonId == Person.Id).OrderBy(i => i.Id).ToListAsync();
        var charges = await Db.Set<PersonCharge>().AsNoTracking().Where(c => c.PersonId == Person.Id).OrderBy(c => c.Id).ToListAsync();
        Incomes = incomes.Select(i => new Line<IncomeKind> { Kind = i.Kind, Amount = i.MonthlyAmount.ToString("0.00", OpenCcasApp.French), Label = i.Label }).ToList();
        Charges = charges.Select(c => new Line<ChargeKind> { Kind = c.Kind, Amount = c.MonthlyAmount.ToString("0.00", OpenCcasApp.French), Label = c.Label }).ToList();
        for (var i = 0; i < EmptyRows; i++) { Incomes.Add(new() { Kind = IncomeKind.Other }); Charges.Add(new() { Kind = ChargeKind.Other }); }
        Version = Person.Version;
        TotalIncomes = incomes.Sum(i => i.MonthlyAmount);
        TotalCharges = charges.Sum(c => c.MonthlyAmount);
    }

    private async Task TotalsAsync()
    {
        TotalIncomes = (await Db.Set<PersonIncome>().AsNoTracking().Where(i => i.PersonId == Person.Id).Select(i => i.MonthlyAmount).ToListAsync()).Sum();
        TotalCharges = (await Db.Set<PersonCharge>().AsNoTracking().Where(c => c.PersonId == Person.Id).Select(c => c.MonthlyAmount).ToListAsync()).Sum();
        if (Incomes.All(l => !l.IsEmpty)) Incomes.Add(new() { Kind = IncomeKind.Other });
        if (Charges.All(l => !l.IsEmpty)) Charges.Add(new() { Kind = ChargeKind.Other });
    }
}
