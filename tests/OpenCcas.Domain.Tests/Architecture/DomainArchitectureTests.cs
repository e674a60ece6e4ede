using NetArchTest.Rules;
using OpenCcas.Domain.Platform;
using Shouldly;
using Xunit;

namespace OpenCcas.Domain.Tests.Architecture;

public sealed class DomainArchitectureTests
{
    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    [InlineData("Microsoft.Extensions.DependencyInjection")]
    [InlineData("OpenCcas.Web")]
    public void Domain_depends_on_no_framework(string forbidden)
    {
        var result = Types.InAssembly(typeof(AccessRules).Assembly).ShouldNot().HaveDependencyOn(forbidden).GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty($"OpenCcas.Domain must not depend on {forbidden}");
    }

    [Fact]
    public void Domain_project_references_no_framework_package()
    {
        var references = typeof(AccessRules).Assembly.GetReferencedAssemblies().Select(a => a.Name ?? "").ToList();
        references.ShouldNotContain(n => n.StartsWith("Microsoft.EntityFrameworkCore") || n.StartsWith("Microsoft.AspNetCore"));
    }
}
