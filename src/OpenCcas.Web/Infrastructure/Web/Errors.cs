using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore;
using OpenCcas.Web.Infrastructure.Data;

namespace OpenCcas.Web.Infrastructure.Web;

public static class ErrorStatus
{
    public static int For(Exception ex) => ex switch
    {
        Tenancy.TenancyViolationException => StatusCodes.Status404NotFound,
        _ when DatabaseUnavailableMiddleware.IsDatabaseDown(ex) => StatusCodes.Status503ServiceUnavailable,
        BadHttpRequestException b => b.StatusCode,
        Microsoft.AspNetCore.Antiforgery.AntiforgeryValidationException => StatusCodes.Status400BadRequest,
        _ => StatusCodes.Status500InternalServerError,
    };
}

/// <summary>Status pages in French: problem documents for the API, the French error pages otherwise.</summary>
public static class StatusPages
{
    public static void Use(WebApplication app)
    {
        app.UseWhen(IsApi, a => a.UseStatusCodePages());
        app.UseWhen(ctx => !IsApi(ctx), a => a.UseStatusCodePagesWithReExecute("/erreur/{0}"));
    }

    public static bool IsApi(HttpContext ctx) => ctx.Request.Path.StartsWithSegments("/api");
}

/// <summary>French titles for problem documents.</summary>
public static class ProblemDocuments
{
    public static void Frenchify(ProblemDetailsContext ctx)
    {
        var p = ctx.ProblemDetails;
        p.Title = p.Status switch
        {
            400 => p.Title is { } t && !t.StartsWith("One or more", StringComparison.Ordinal) && !t.StartsWith("Bad", StringComparison.Ordinal) ? t : "Requête invalide.",
            401 => "Authentification requise.",
            403 => "Accès refusé.",
            404 => "Ressource introuvable.",
            405 => "Méthode non autorisée.",
            409 => p.Title ?? "Conflit : l'enregistrement a été modifié entre-temps.",
            413 => "Fichier trop volumineux.",
            415 => "Type de contenu non pris en charge.",
            429 => "Trop de requêtes : réessayez dans une minute.",
            500 => "Erreur interne. L'incident a été journalisé.",
            503 => "Service momentanément indisponible.",
            _ => p.Title,
        };
        if (p.Status == 400 && p.Detail is null && !p.Extensions.ContainsKey("errors"))
            p.Detail = "Le corps de la requête n'est pas un JSON valide, ou contient une valeur inattendue (par exemple un type inconnu).";
        p.Type = null;
        p.Detail = p.Status == 500 ? null : p.Detail;
        p.Extensions.Remove("traceId");
        p.Extensions["traceId"] = ctx.HttpContext.TraceIdentifier;
    }
}

public static class FrenchModelBinding
{
    public static void Apply(DefaultModelBindingMessageProvider p)
    {
        p.SetValueMustNotBeNullAccessor(f => $"Le champ « {f} » est obligatoire.");
        p.SetMissingBindRequiredValueAccessor(f => $"Le champ « {f} » est obligatoire.");
        p.SetAttemptedValueIsInvalidAccessor((v, f) => $"La valeur « {v} » n'est pas valide pour « {f} ».");
        p.SetValueIsInvalidAccessor(v => $"La valeur « {v} » n'est pas valide.");
        p.SetValueMustBeANumberAccessor(f => $"Le champ « {f} » doit être un nombre.");
        p.SetMissingKeyOrValueAccessor(() => "Une valeur est obligatoire.");
        p.SetUnknownValueIsInvalidAccessor(f => $"La valeur saisie n'est pas valide pour « {f} ».");
        p.SetNonPropertyAttemptedValueIsInvalidAccessor(v => $"La valeur « {v} » n'est pas valide.");
        p.SetNonPropertyUnknownValueIsInvalidAccessor(() => "La valeur saisie n'est pas valide.");
        p.SetNonPropertyValueMustBeANumberAccessor(() => "La valeur doit être un nombre.");
        p.SetMissingRequestBodyRequiredValueAccessor(() => "Le corps de la requête est vide.");
    }
}

public sealed class DatabaseHealthCheck(AppDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
    {
        try
        {
            return await db.Database.CanConnectAsync(ct) && (await db.Database.ExecuteSqlRawAsync("SELECT 1", ct)) != int.MinValue
                ? HealthCheckResult.Healthy("Base de données joignable.")
                : HealthCheckResult.Unhealthy("Base de données injoignable.");
        }
        catch (Exception ex) when (ex is System.Data.Common.DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("Base de données injoignable.");
        }
    }
}
