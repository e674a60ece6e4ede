using OpenCcas.Domain.People;
using OpenCcas.Domain.Platform;
using Shouldly;
using Xunit;

namespace OpenCcas.Domain.Tests.People;

public sealed class NirTests
{
    [Theory]
    [InlineData("1850578006084 91")]
    [InlineData("1 85 05 78 006 084 91")]
    [InlineData("269052A12345688")]
    [InlineData("185052b12345660")]
    public void Valid_numbers_pass(string nir) => Nir.Check(nir).ShouldBeNull();

    [Theory]
    [InlineData("185057800608492", "clé")]
    [InlineData("18505780060849", "15 caractères")]
    [InlineData("585057800608491", "commencer")]
    [InlineData("18505780X608491", "chiffres")]
    public void Malformed_numbers_get_a_french_message(string nir, string expected) =>
        Nir.Check(nir)!.ShouldContain(expected);

    [Fact]
    public void Empty_is_not_an_error() => Nir.Check("  ").ShouldBeNull();
}

public sealed class ConsumptionUnitsTests
{
    [Fact]
    public void Couple_with_two_young_children_is_2_1_units() => ConsumptionUnits.Oecd([40, 38, 10, 4]).ShouldBe(2.1m);

    [Fact]
    public void Teenager_counts_as_an_adult_and_the_first_adult_is_the_eldest() => ConsumptionUnits.Oecd([15, 45]).ShouldBe(1.5m);

    [Fact]
    public void Child_alone_with_unknown_age_adult() => ConsumptionUnits.Oecd([null, 3]).ShouldBe(1.3m);

    [Fact]
    public void Empty_household_has_no_unit() => ConsumptionUnits.Oecd([]).ShouldBe(0m);
}

/// <summary>The query form of the file rule must say exactly what <see cref="AccessRules.CanOpen"/> says.</summary>
public sealed class OpenableFilesTests
{
    private static readonly Guid Org = Guid.NewGuid(), Me = Guid.NewGuid(), Other = Guid.NewGuid();
    private static readonly Guid Site1 = Guid.NewGuid(), Site2 = Guid.NewGuid(), Team1 = Guid.NewGuid(), Team2 = Guid.NewGuid();

    public static IEnumerable<Person> Files()
    {
        foreach (var site in new Guid?[] { null, Site1, Site2 })
        foreach (var teams in new[] { Array.Empty<Guid>(), [Team1], [Team2], new[] { Team1, Team2 } })
        foreach (var referent in new Guid?[] { null, Me, Other })
        {
            var p = new Person { OrganisationId = Org, LastName = "X", FirstNames = "Y", SiteId = site, ReferentId = referent };
            p.Teams.AddRange(teams.Select(t => new PersonTeam { TeamId = t, OrganisationId = Org }));
            yield return p;
        }
    }

    public static IEnumerable<Actor> Actors()
    {
        foreach (var role in Enum.GetValues<Role>())
        foreach (var (site, team) in new (Guid?, Guid?)[] { (null, null), (Site1, null), (null, Team2) })
        foreach (var myTeams in new[] { Array.Empty<Guid>(), [Team1] })
            yield return new Actor(Me, Org, [new RoleGrant(role, site, team)], myTeams);
        yield return new Actor(Me, Org, [new RoleGrant(Role.Reception, Site2), new RoleGrant(Role.SocialWorker)], [Team1]);
    }

    [Fact]
    public void Agrees_with_CanOpen_for_every_role_limit_team_and_part()
    {
        var checkedCases = 0;
        foreach (var actor in Actors())
        foreach (var part in Enum.GetValues<FilePart>())
        {
            var predicate = AccessRules.OpenableFiles(actor, part).Compile();
            foreach (var file in Files())
            {
                predicate(file).ShouldBe(AccessRules.CanOpen(actor, AccessRules.ScopeOf(file), part),
                    $"{string.Join("+", actor.Grants)} teams {actor.TeamIds.Count} part {part} site {file.SiteId} referent {file.ReferentId} teams {file.Teams.Count}");
                checkedCases++;
            }
        }
        checkedCases.ShouldBeGreaterThan(8_000);
    }

    [Fact]
    public void Opens_every_file_exactly_when_CanOpen_holds_for_every_file()
    {
        var every = 0;
        foreach (var actor in Actors())
        foreach (var part in Enum.GetValues<FilePart>())
        {
            var all = Files().All(f => AccessRules.CanOpen(actor, AccessRules.ScopeOf(f), part));
            AccessRules.OpensEveryFile(actor, part).ShouldBe(all, $"{string.Join("+", actor.Grants)} teams {actor.TeamIds.Count} part {part}");
            if (all) every++;
        }
        every.ShouldBeGreaterThan(0);
    }
}

public sealed class StatisticsSitesTests
{
    private static readonly Guid Org = Guid.NewGuid(), Site1 = Guid.NewGuid(), Site2 = Guid.NewGuid();

    [Fact]
    public void A_manager_without_site_limit_sees_the_whole_organisation() =>
        AccessRules.StatisticsSites(new Actor(Guid.NewGuid(), Org, [new RoleGrant(Role.Manager)])).ShouldBeNull();

    [Fact]
    public void A_site_limited_manager_sees_their_site_only() =>
        AccessRules.StatisticsSites(new Actor(Guid.NewGuid(), Org, [new RoleGrant(Role.Manager, Site1)]))!.ShouldBe([Site1]);

    [Fact]
    public void One_unlimited_statistics_grant_is_enough_and_other_roles_do_not_count()
    {
        AccessRules.StatisticsSites(new Actor(Guid.NewGuid(), Org, [new RoleGrant(Role.Manager, Site1), new RoleGrant(Role.StatsReader)])).ShouldBeNull();
        AccessRules.StatisticsSites(new Actor(Guid.NewGuid(), Org, [new RoleGrant(Role.StatsReader, Site2), new RoleGrant(Role.Reception)]))!.ShouldBe([Site2]);
        AccessRules.StatisticsSites(new Actor(Guid.NewGuid(), Org, [new RoleGrant(Role.Reception)]))!.ShouldBeEmpty();
    }
}
