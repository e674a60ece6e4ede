using Microsoft.EntityFrameworkCore;
using OpenCcas.Domain.Platform;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Reception.Agenda;

public sealed record Choice(Guid Id, string Name);

/// <summary>Lists the agenda pages offer: agents who receive appointments, sites.</summary>
public static class AgendaData
{
    public static async Task<List<Choice>> AgentsAsync(AppDbContext db) =>
        (await Appointments.Agents(db).AsNoTracking().OrderBy(u => u.LastName).ThenBy(u => u.FirstName)
            .Select(u => new { u.Id, u.FirstName, u.LastName }).ToListAsync())
        .Select(u => new Choice(u.Id, $"{u.FirstName} {u.LastName}")).ToList();

    public static async Task<List<Choice>> SitesAsync(AppDbContext db) =>
        await db.Sites.AsNoTracking().Where(s => s.Active).OrderBy(s => s.Name).Select(s => new Choice(s.Id, s.Name)).ToListAsync();
}
