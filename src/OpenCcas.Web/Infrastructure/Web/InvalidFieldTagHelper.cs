using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace OpenCcas.Web.Infrastructure.Web;

/// <summary>
/// RGAA 11.10: a field in error says so to assistive technologies. The built-in tag helpers only add the
/// "input-validation-error" class; this one adds aria-invalid="true" to every asp-for field the model state rejects.
/// </summary>
[HtmlTargetElement("input", Attributes = "asp-for")]
[HtmlTargetElement("select", Attributes = "asp-for")]
[HtmlTargetElement("textarea", Attributes = "asp-for")]
public sealed class InvalidFieldTagHelper : TagHelper
{
    // After the built-in input/select/textarea tag helpers (order 0), which write the name and the class.
    public override int Order => 1000;

    [HtmlAttributeName("asp-for")] public ModelExpression For { get; set; } = null!;

    [ViewContext, HtmlAttributeNotBound] public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var name = ViewContext.ViewData.TemplateInfo.GetFullHtmlFieldName(For.Name);
        if (ViewContext.ViewData.ModelState.TryGetValue(name, out var entry) && entry.Errors.Count > 0
            && output.Attributes["type"]?.Value?.ToString() != "hidden")
            output.Attributes.SetAttribute("aria-invalid", "true");
    }
}
