using Xunit;
using OpenCcas.Domain.Platform;
using Shouldly;

namespace OpenCcas.Domain.Tests.Platform;

public sealed class OrganisationTests
{
    [Theory]
    [InlineData("26210001600019", true)]
    [InlineData("262 100 016 00019", true)]
    [InlineData("26210001600018", false)]
    [InlineData("2121000160001", false)]
    [InlineData("2121000160001A", false)]
    [InlineData("", true)]
    [InlineData(null, true)]
    public void Siret_is_checked_with_its_luhn_key(string? siret, bool valid) =>
        (Organisation.ValidateSiret(siret) is null).ShouldBe(valid);

    [Fact]
    public void Api_token_secrets_are_long_random_and_only_their_hash_is_kept()
    {
        var a = ApiToken.NewSecret();
        var b = ApiToken.NewSecret();
        a.ShouldStartWith(ApiToken.Prefix);
        a.ShouldNotBe(b);
        a.Length.ShouldBeGreaterThan(40);
        ApiToken.Hash(a).ShouldBe(ApiToken.Hash(a));
        ApiToken.Hash(a).ShouldNotContain(a[ApiToken.Prefix.Length..]);
    }

    [Fact]
    public void A_token_is_usable_until_expiry_or_revocation()
    {
        var now = DateTimeOffset.UtcNow;
        var token = new ApiToken { Name = "t", TokenHash = "x", ExpiresAt = now.AddDays(1), Roles = "Manager, StatsReader" };
        token.IsUsable(now).ShouldBeTrue();
        token.RoleList.ShouldBe([Role.Manager, Role.StatsReader]);
        token.IsUsable(now.AddDays(2)).ShouldBeFalse();
        token.RevokedAt = now;
        token.IsUsable(now).ShouldBeFalse();
    }
}
