using System.ComponentModel.DataAnnotations;

namespace OpenCcas.Web.Infrastructure.Web;

/// <summary>Validates API request bodies with their data annotations and answers a French problem document.</summary>
public sealed class ApiValidationFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext ctx, EndpointFilterDelegate next)
    {
        foreach (var arg in ctx.Arguments)
        {
            if (arg is null || arg is string || arg.GetType().IsPrimitive || arg is Guid || arg is HttpContext || arg is CancellationToken) continue;
            if (!arg.GetType().Namespace?.StartsWith("OpenCcas", StringComparison.Ordinal) ?? true) continue;
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(arg, new ValidationContext(arg), results, validateAllProperties: true))
                return Results.ValidationProblem(
                    results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (m, r.ErrorMessage ?? "Valeur invalide.")))
                        .GroupBy(x => x.m).ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToArray()),
                    title: "La requête contient des erreurs.");
        }
        return await next(ctx);
    }
}
