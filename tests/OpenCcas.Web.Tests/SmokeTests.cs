namespace OpenCcas.Web.Tests;

public sealed class SmokeTests(AppFixture app) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Health_check_answers_healthy()
    {
        var response = await app.NewClient().GetAsync("/healthz", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task A_user_signs_in_through_the_form()
    {
        var client = await app.SignedInAsync(app.A, Role.Manager);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me", TestContext.Current.CancellationToken);
        me.GetProperty("organisationId").GetGuid().ShouldBe(app.A.Id);
    }
}
