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
            if (!Validates(arg.GetType())) continue;
            var results = new List<ValidationResult>();
            if (!Validator.TryValidateObject(arg, new ValidationContext(arg), results, validateAllProperties: true))
                return Results.ValidationProblem(
                    results.SelectMany(r => r.MemberNames.DefaultIfEmpty("").Select(m => (m, r.ErrorMessage ?? "Valeur invalide.")))
                        .GroupBy(x => x.m).ToDictionary(g => g.Key, g => g.Select(x => x.Item2).ToArray()),
                    title: "La requête contient des erreurs.");
        }
        return await next(ctx);
    }

    /// <summary>
    /// Whether a value of this type has anything to validate: an OpenCcas type with a validation attribute on itself or
    /// a property, or its own validation. Services given to the handler (the database context, the current user) have
    /// none: validating them read every property of the context (each of its sets) on every API call.
    /// </summary>
    private static bool Validates(Type type) => Validated.GetOrAdd(type, static t =>
        (t.Namespace?.StartsWith("OpenCcas", StringComparison.Ordinal) ?? false)
        && (typeof(IValidatableObject).IsAssignableFrom(t)
            || t.IsDefined(typeof(ValidationAttribute), inherit: true)
            || t.GetProperties().Any(p => p.IsDefined(typeof(ValidationAttribute), inherit: true))));

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<Type, bool> Validated = new();
}
