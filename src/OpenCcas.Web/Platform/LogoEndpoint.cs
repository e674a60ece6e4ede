using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Platform;

/// <summary>The signed-in user's organisation logo, for the header.</summary>
public static class LogoEndpoint
{
    public static void Map(WebApplication app) =>
        app.MapGet("/logo", async (AppDbContext db) =>
        {
            var logo = await db.Organisations.AsNoTracking().Select(o => new { o.Logo, o.LogoContentType }).FirstOrDefaultAsync();
            return logo?.Logo is { } bytes && logo.LogoContentType is { } type ? Results.File(bytes, type) : Results.NotFound();
        });
}
