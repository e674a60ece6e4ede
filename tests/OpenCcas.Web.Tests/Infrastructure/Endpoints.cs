using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace OpenCcas.Web.Tests.Infrastructure;

/// <summary>What the tests need to know about the application's endpoints, read from its EndpointDataSource.</summary>
public sealed record EndpointInfo(RouteEndpoint Endpoint, string Pattern, bool IsPage, IReadOnlyList<string> Methods)
{
    public IReadOnlyList<RoutePatternParameterPart> Parameters => Endpoint.RoutePattern.Parameters;
    public Type? BodyType => Endpoint.Metadata.GetOrderedMetadata<IAcceptsMetadata>().Select(a => a.RequestType).FirstOrDefault(t => t is not null);
    public IEnumerable<string> Policies => Endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>();
    public bool AllowsAnonymous => Endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;

    /// <summary>Builds the path, giving each route parameter the value chosen by <paramref name="value"/>.</summary>
    public string Path(Func<RoutePatternParameterPart, string, string> value)
    {
        var segments = new List<string>();
        var pattern = Endpoint.RoutePattern;
        foreach (var segment in pattern.PathSegments)
        {
            var text = "";
            var precedingLiteral = segments.LastOrDefault() ?? "";
            foreach (var part in segment.Parts)
            {
                text += part switch
                {
                    RoutePatternLiteralPart l => l.Content,
                    RoutePatternSeparatorPart s => s.Content,
                    RoutePatternParameterPart p => Uri.EscapeDataString(value(p, precedingLiteral)),
                    _ => "",
                };
            }
            segments.Add(text);
        }
        return "/" + string.Join('/', segments);
    }

    public override string ToString() => $"{string.Join(',', Methods)} {Pattern}";
}

public static class Endpoints
{
    public static List<EndpointInfo> All(IServiceProvider services) =>
        services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Select(e =>
            {
                var isPage = e.Metadata.GetMetadata<Microsoft.AspNetCore.Mvc.RazorPages.PageActionDescriptor>() is not null
                    || e.Metadata.OfType<CompiledPageActionDescriptor>().Any();
                var methods = e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [];
                if (isPage || methods.Count == 0) methods = ["GET"];
                var pattern = "/" + string.Join('/', e.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
                {
                    RoutePatternLiteralPart l => l.Content,
                    RoutePatternSeparatorPart s2 => s2.Content,
                    RoutePatternParameterPart pp => "{" + pp.Name + (pp.ParameterPolicies.Count > 0 ? ":" + string.Join(':', pp.ParameterPolicies.Select(x => x.Content)) : "") + (pp.IsOptional ? "?" : "") + "}",
                    _ => "",
                }))));
                return new EndpointInfo(e, pattern, isPage, methods);
            })
            .DistinctBy(e => (e.Pattern, string.Join(',', e.Methods)))
            .ToList();

    public static bool IsIdLike(RoutePatternParameterPart p) =>
        p.Name.Equals("id", StringComparison.OrdinalIgnoreCase) || p.Name.EndsWith("Id", StringComparison.Ordinal)
        || p.ParameterPolicies.Any(c => c.Content is "guid" or "long");

    public static string ConstraintOf(RoutePatternParameterPart p) =>
        p.ParameterPolicies.Select(c => c.Content).FirstOrDefault(c => c is "guid" or "long" or "int") ?? "guid";

    /// <summary>A body that passes the data annotations of its type, so that a 404 is not hidden behind a 400.</summary>
    public static object? ValidBody(Type? type)
    {
        if (type is null) return null;
        if (type.IsAbstract || type.GetConstructor(Type.EmptyTypes) is null) return new { };
        var body = Activator.CreateInstance(type)!;
        foreach (var p in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanWrite))
        {
            if (p.PropertyType != typeof(string)) continue;
            var candidates = p.GetCustomAttribute<EmailAddressAttribute>() is not null
                ? ["test.tenancy@example.org"]
                : new[] { "Essai d'isolement " + Guid.NewGuid().ToString("N")[..8], "0102030405", "2026-01-01", "a" };
            foreach (var c in candidates)
            {
                p.SetValue(body, c);
                var ok = Validator.TryValidateProperty(c, new ValidationContext(body) { MemberName = p.Name }, []);
                if (ok) break;
            }
        }
        return body;
    }
}
