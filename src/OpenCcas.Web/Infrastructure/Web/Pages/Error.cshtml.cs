using System.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace OpenCcas.Web.Infrastructure.Web.Pages;

[IgnoreAntiforgeryToken]
[ResponseCache(Duration = 0, Location = ResponseCacheLocation.None, NoStore = true)]
public sealed class ErrorModel : PageModel
{
    public int Status { get; private set; }
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";
    public string TraceId { get; private set; } = "";

    public void OnGet(int? code) => Fill(code);
    public void OnPost(int? code) => Fill(code);

    private void Fill(int? code)
    {
        // Re-executed for a status code, or reached from the exception handler (then the response already says 500 or 404).
        // A code typed in the address bar is not trusted: only error codes are shown, anything else is a 404.
        Status = code switch
        {
            null => Response.StatusCode >= 400 ? Response.StatusCode : 500,
            >= 400 and <= 599 => code.Value,
            _ => 404,
        };
        Response.StatusCode = Status;
        TraceId = Activity.Current?.Id ?? HttpContext.TraceIdentifier;
        (Title, Explanation) = Status switch
        {
            400 => ("Requête invalide", "Le formulaire envoyé n'a pas pu être traité (par exemple une page restée ouverte trop longtemps). Rechargez la page et recommencez."),
            403 => ("Accès refusé", "Vos droits ne permettent pas d'accéder à cette page. Si vous pensez en avoir besoin, adressez-vous à l'administrateur de votre organisation."),
            404 => ("Page introuvable", "Cette page ou cet enregistrement n'existe pas, ou n'est pas accessible depuis votre organisation."),
            413 => ("Fichier trop volumineux", "Le fichier envoyé dépasse la taille autorisée."),
            429 => ("Trop de tentatives", "Trop de demandes en peu de temps. Patientez une minute puis réessayez."),
            503 => ("Service momentanément indisponible", "Le service ne répond pas pour l'instant. Réessayez dans quelques instants."),
            _ => ("Une erreur est survenue", "L'incident a été enregistré. Vos données déjà enregistrées ne sont pas perdues. Réessayez, et si le problème persiste, prévenez le service informatique avec la référence ci-dessous."),
        };
    }
}
