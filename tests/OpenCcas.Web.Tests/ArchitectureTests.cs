using NetArchTest.Rules;

namespace OpenCcas.Web.Tests;

/// <summary>Shared infrastructure knows no module; the domain knows no framework.</summary>
public sealed class ArchitectureTests
{
    private static readonly System.Reflection.Assembly Web = typeof(OpenCcas.Web.OpenCcasApp).Assembly;
    private static readonly System.Reflection.Assembly Domain = typeof(AccessRules).Assembly;

    [Theory]
    [InlineData("OpenCcas.Web.Platform")]
    [InlineData("OpenCcas.Web.Dashboard")]
    [InlineData("OpenCcas.Web.Demo")]
    public void Shared_infrastructure_does_not_depend_on_a_module(string module)
    {
        var result = Types.InAssembly(Web).That().ResideInNamespace("OpenCcas.Web.Infrastructure")
            .ShouldNot().HaveDependencyOn(module).GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty($"types of OpenCcas.Web.Infrastructure must not use {module}");
    }

    [Theory]
    [InlineData("Microsoft.EntityFrameworkCore")]
    [InlineData("Microsoft.AspNetCore")]
    public void Domain_does_not_depend_on_frameworks(string framework)
    {
        var result = Types.InAssembly(Domain).ShouldNot().HaveDependencyOn(framework).GetResult();
        (result.FailingTypeNames ?? []).ShouldBeEmpty();
    }
}
