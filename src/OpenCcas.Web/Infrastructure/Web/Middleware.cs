using System.Data.Common;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Tenancy;

namespace OpenCcas.Web.Infrastructure.Web;

/// <summary>Sets the request's organisation and audit actor from the signed-in principal.</summary>
public sealed class TenancyMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext ctx, TenantContext tenant, AuditActor actor)
    {
        if (ctx.User.Identity?.IsAuthenticated == true && ctx.User.OrganisationId() is { } org)
        {
            tenant.Set(org);
            actor.Set(ctx.User.UserId(), ctx.User.FindFirst(OpenCcasClaims.DisplayName)?.Value ?? ctx.User.Identity.Name ?? "?");
        }
        await next(ctx);
    }
}

/// <summary>When the organisation requires a second factor, a user without one may only enrol it or sign out.</summary>
public sealed class TwoFactorEnforcementMiddleware(RequestDelegate next)
{
    private static readonly string[] Allowed = ["/compte/double-authentification", "/deconnexion", "/lib", "/css", "/healthz", "/erreur", "/logo"];

    public async Task InvokeAsync(HttpContext ctx, TenantContext tenant, AppDbContext db, CurrentOrganisation organisation)
    {
        if (tenant.OrganisationId is { } org && ctx.User.FindFirst(OpenCcasClaims.TokenRoles) is null
            && !Allowed.Any(p => ctx.Request.Path.StartsWithSegments(p)))
        {
            var required = (await organisation.GetAsync())?.RequireTwoFactor == true;
            if (required && ctx.User.UserId() is { } userId
                && !await db.Users.AsNoTracking().AnyAsync(u => u.Id == userId && u.TwoFactorEnabled))
            {
                if (ctx.Request.Path.StartsWithSegments("/api"))
                {
                    ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                    await ctx.Response.WriteAsJsonAsync(new { title = "Double authentification obligatoire : activez-la depuis votre compte.", status = 403 });
                    return;
                }
                ctx.Response.Redirect("/compte/double-authentification?obligatoire=1");
                return;
            }
        }
        await next(ctx);
    }
}

/// <summary>An agent signed in with a temporary password may only change it (on "Mon compte") or sign out.</summary>
public sealed class PasswordChangeEnforcementMiddleware(RequestDelegate next)
{
    private static readonly string[] Allowed = ["/deconnexion", "/lib", "/css", "/js", "/healthz", "/erreur", "/logo"];

    public async Task InvokeAsync(HttpContext ctx)
    {
        var path = ctx.Request.Path;
        if (ctx.User.FindFirst(OpenCcasClaims.MustChangePassword) is not null
            && !(path.Equals("/compte", StringComparison.OrdinalIgnoreCase) || Allowed.Any(p => path.StartsWithSegments(p))))
        {
            if (path.StartsWithSegments("/api"))
            {
                ctx.Response.StatusCode = StatusCodes.Status403Forbidden;
                await ctx.Response.WriteAsJsonAsync(new { title = "Mot de passe provisoire : choisissez votre mot de passe depuis « Mon compte ».", status = 403 });
                return;
            }
            ctx.Response.Redirect("/compte?provisoire=1");
            return;
        }
        await next(ctx);
    }
}

/// <summary>A friendly 503 when the database cannot be reached, never a stack trace.</summary>
public sealed class DatabaseUnavailableMiddleware(RequestDelegate next, ILogger<DatabaseUnavailableMiddleware> log)
{
    public async Task InvokeAsync(HttpContext ctx)
    {
        try
        {
            await next(ctx);
        }
        catch (Exception ex) when (IsDatabaseDown(ex) && !ctx.Response.HasStarted)
        {
            log.LogError("Database unreachable: {Type}", ex.GetType().Name);
            ctx.Response.Clear();
            ctx.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            ctx.Response.Headers.RetryAfter = "30";
            if (ctx.Request.Path.StartsWithSegments("/api"))
            {
                await ctx.Response.WriteAsJsonAsync(new { title = "Service momentanément indisponible : la base de données ne répond pas.", status = 503 });
                return;
            }
            ctx.Response.ContentType = "text/html; charset=utf-8";
            await ctx.Response.WriteAsync(StaticPages.Unavailable);
        }
    }

    public static bool IsDatabaseDown(Exception ex) => ex switch
    {
        Npgsql.NpgsqlException { IsTransient: true } => true,
        Npgsql.NpgsqlException n when n.InnerException is System.Net.Sockets.SocketException => true,
        Microsoft.Data.Sqlite.SqliteException s when s.SqliteErrorCode is 14 or 10 or 26 => true, // cannot open, I/O error, not a database
        InvalidOperationException { InnerException: { } inner } => IsDatabaseDown(inner),
        DbUpdateException { InnerException: { } inner } => IsDatabaseDown(inner),
        _ when ex.InnerException is DbException inner => IsDatabaseDown(inner),
        _ => false,
    };
}

public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext ctx)
    {
        var h = ctx.Response.Headers;
        h["Content-Security-Policy"] = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'self'";
        h["X-Content-Type-Options"] = "nosniff";
        h["Referrer-Policy"] = "same-origin";
        h["X-Frame-Options"] = "DENY";
        h["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
        return next(ctx);
    }
}

internal static class StaticPages
{
    public const string Unavailable = """
        <!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Service momentanément indisponible – OpenCCAS</title>
        <meta name="viewport" content="width=device-width, initial-scale=1"><link rel="stylesheet" href="/lib/bootstrap/css/bootstrap.min.css"></head>
        <body><main class="container py-5"><h1>Service momentanément indisponible</h1>
        <p>La base de données ne répond pas. Vos données ne sont pas perdues : réessayez dans quelques instants.</p>
        <p>Si le problème persiste, prévenez le service informatique.</p><p><a href="/">Réessayer</a></p></main></body></html>
        """;
}
