namespace OpenCcas.Domain.Synthetic;

public enum Sex { Female, Male }

public enum HouseholdShape { SinglePerson, SingleParent, CoupleNoChildren, CoupleWithChildren, Other }

public sealed record SyntheticPerson(int Index, string FirstName, string LastName, Sex Sex, DateOnly BirthDate, string? Phone, string? Email, string Relationship);

public sealed record SyntheticHousehold(int Index, HouseholdShape Shape, string Street, string PostCode, string Commune, IReadOnlyList<SyntheticPerson> Members);

public sealed record SyntheticAgent(string FirstName, string LastName, string Email);

/// <summary>
/// Deterministic synthetic population: the same seed always gives the same people. It scales from the demo
/// (hundreds of people) to a large city (hundreds of thousands), streaming so that memory stays flat. Shapes follow
/// the public of a CCAS: many people living alone, single parents, seniors.
/// </summary>
public sealed class SyntheticPopulation(int seed, DateOnly today)
{
    private static readonly string[] FemaleNames =
    [
        "Marie", "Nathalie", "Isabelle", "Sylvie", "Catherine", "Françoise", "Martine", "Christine", "Monique", "Valérie",
        "Sandrine", "Stéphanie", "Céline", "Aurélie", "Julie", "Camille", "Léa", "Manon", "Chloé", "Emma", "Inès", "Sarah",
        "Fatima", "Aïcha", "Yasmine", "Jeanne", "Josiane", "Simone", "Odette", "Huguette", "Nadia", "Samia", "Amandine",
        "Élodie", "Laëtitia", "Océane", "Zoé", "Louise", "Alice", "Mélanie", "Hélène", "Ginette", "Colette", "Mireille",
    ];

    private static readonly string[] MaleNames =
    [
        "Jean", "Pierre", "Michel", "André", "Philippe", "Alain", "Bernard", "Jacques", "Daniel", "Patrick", "Christophe",
        "Nicolas", "Stéphane", "Laurent", "Sébastien", "Julien", "Thomas", "Lucas", "Hugo", "Nathan", "Mohamed", "Karim",
        "Mehdi", "Yanis", "Rachid", "Gérard", "Marcel", "Roger", "René", "Claude", "Frédéric", "Olivier", "Jérôme",
        "Kévin", "Maxime", "Théo", "Louis", "Gabriel", "Arthur", "Raphaël", "Mamadou", "Ibrahim", "Dominique", "François",
    ];

    private static readonly string[] LastNames =
    [
        "Martin", "Bernard", "Thomas", "Petit", "Robert", "Richard", "Durand", "Dubois", "Moreau", "Laurent", "Simon",
        "Michel", "Lefèvre", "Leroy", "Roux", "David", "Bertrand", "Morel", "Fournier", "Girard", "Bonnet", "Dupont",
        "Lambert", "Fontaine", "Rousseau", "Vincent", "Muller", "Lefebvre", "Faure", "André", "Mercier", "Blanc", "Guérin",
        "Boyer", "Garnier", "Chevalier", "François", "Legrand", "Gauthier", "Garcia", "Perrin", "Robin", "Clément",
        "Morin", "Nicolas", "Henry", "Roussel", "Mathieu", "Gautier", "Masson", "Marchand", "Duval", "Denis", "Dumont",
        "Marie", "Lemaire", "Noël", "Meyer", "Dufour", "Meunier", "Brun", "Blanchard", "Giraud", "Joly", "Rivière",
        "Lucas", "Brunet", "Gaillard", "Barbier", "Arnaud", "Martinez", "Gérard", "Roche", "Renard", "Schmitt", "Roy",
        "Leroux", "Colin", "Vidal", "Caron", "Picard", "Roger", "Fabre", "Aubert", "Lemoine", "Renaud", "Dumas", "Lacroix",
        "Olivier", "Philippe", "Bourgeois", "Pierre", "Benoît", "Rey", "Leclerc", "Payet", "Rolland", "Leclercq",
        "Guillaume", "Lecomte", "Lopez", "Jean", "Dupuy", "Guillot", "Hubert", "Berger", "Carpentier", "Sanchez",
        "Dupuis", "Moulin", "Louis", "Deschamps", "Huet", "Vasseur", "Perez", "Boucher", "Fleury", "Royer", "Klein",
        "Jacquet", "Adam", "Paris", "Poirier", "Marty", "Aubry", "Guyot", "Carré", "Charles", "Renault", "Charpentier",
        "Ménard", "Maillard", "Baron", "Bertin", "Bailly", "Hervé", "Schneider", "Fernandez", "Le Gall", "Collet",
        "Léger", "Bouvier", "Julien", "Prévost", "Millet", "Perrot", "Daniel", "Le Roux", "Cousin", "Germain", "Breton",
        "Besson", "Langlois", "Rémy", "Le Goff", "Pelletier", "Lévêque", "Perrier", "Leblanc", "Barré", "Lebrun",
        "Marchal", "Weber", "Mallet", "Hamon", "Boulanger", "Jacob", "Monnier", "Michaud", "Rodriguez", "Guichard",
        "Gillet", "Étienne", "Grondin", "Poulain", "Tessier", "Chevallier", "Collin", "Chauvin", "Da Silva", "Bouchet",
        "Gay", "Lemaître", "Bénard", "Maréchal", "Humbert", "Reynaud", "Antoine", "Hoarau", "Perret", "Barthélemy",
        "Cordier", "Pichon", "Lejeune", "Gilbert", "Lamy", "Delaunay", "Pasquier", "Carlier", "Laporte", "Benali",
        "Haddad", "Diallo", "Traoré", "Nguyen", "Ferreira", "Dos Santos", "Kaya", "Yilmaz", "Bensaïd", "Mansouri",
    ];

    private static readonly string[] StreetKinds = ["rue", "avenue", "boulevard", "place", "allée", "impasse", "chemin"];

    private static readonly string[] StreetNames =
    [
        "de la République", "Victor Hugo", "Jean Jaurès", "Pasteur", "des Tilleuls", "du Général de Gaulle", "de la Gare",
        "des Lilas", "Jules Ferry", "de la Liberté", "Gambetta", "Émile Zola", "des Écoles", "du Moulin", "de Verdun",
        "Voltaire", "de Bourgogne", "des Vignes", "Berlioz", "de la Paix", "Marcel Pagnol", "Louise Michel", "Simone Veil",
        "des Acacias", "du Château", "de l'Église", "Carnot", "Danton", "des Peupliers", "Albert Camus", "Pierre Curie",
    ];

    public static readonly (string Commune, string PostCode)[] DemoCommunes =
    [
        ("Villeneuve-sur-Ouche", "21000"), ("Saint-Martin-des-Vignes", "21121"), ("Fontaine-lès-Combes", "21380"),
    ];

    private readonly Random random = new(seed);

    private T Pick<T>(IReadOnlyList<T> items) => items[random.Next(items.Count)];

    private static string Ascii(string s) =>
        new string(s.Normalize(System.Text.NormalizationForm.FormD)
            .Where(c => System.Globalization.CharUnicodeInfo.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark)
            .ToArray()).ToLowerInvariant().Replace(' ', '-').Replace("'", "");

    public SyntheticAgent Agent(string domain)
    {
        var female = random.Next(100) < 78; // social work is mostly women
        var first = Pick(female ? FemaleNames : MaleNames);
        var last = Pick(LastNames);
        return new SyntheticAgent(first, last, $"{Ascii(first)}.{Ascii(last)}@{domain}");
    }

    /// <summary>Streams households until the requested number of people is reached.</summary>
    public IEnumerable<SyntheticHousehold> Households(int people)
    {
        var personIndex = 0;
        var householdIndex = 0;
        while (personIndex < people)
        {
            var roll = random.Next(100);
            var shape = roll switch
            {
                < 45 => HouseholdShape.SinglePerson,
                < 65 => HouseholdShape.SingleParent,
                < 75 => HouseholdShape.CoupleNoChildren,
                < 93 => HouseholdShape.CoupleWithChildren,
                _ => HouseholdShape.Other,
            };
            var lastName = Pick(LastNames);
            var members = new List<SyntheticPerson>();
            // Seniors are a third of the people living alone (the 62+ service's public).
            var adultAge = shape == HouseholdShape.SinglePerson && random.Next(3) == 0 ? random.Next(62, 96) : random.Next(18, 62);
            var firstSex = shape == HouseholdShape.SingleParent ? (random.Next(100) < 85 ? Sex.Female : Sex.Male) : (Sex)random.Next(2);
            members.Add(Person(++personIndex, lastName, firstSex, adultAge, "Demandeur"));
            if (shape is HouseholdShape.CoupleNoChildren or HouseholdShape.CoupleWithChildren)
                members.Add(Person(++personIndex, random.Next(4) == 0 ? Pick(LastNames) : lastName,
                    firstSex == Sex.Female ? Sex.Male : Sex.Female, Math.Clamp(adultAge + random.Next(-6, 7), 18, 99), "Conjoint"));
            if (shape is HouseholdShape.SingleParent or HouseholdShape.CoupleWithChildren)
            {
                var children = 1 + random.Next(random.Next(2) == 0 ? 2 : 4);
                for (var c = 0; c < children; c++)
                    members.Add(Person(++personIndex, lastName, (Sex)random.Next(2), random.Next(0, Math.Max(1, Math.Min(adultAge - 17, 20))), "Enfant"));
            }
            if (shape == HouseholdShape.Other)
                members.Add(Person(++personIndex, Pick(LastNames), (Sex)random.Next(2), random.Next(18, 80), "Autre membre"));

            var (commune, postCode) = Pick(DemoCommunes);
            yield return new SyntheticHousehold(++householdIndex, shape,
                $"{random.Next(1, 180)} {Pick(StreetKinds)} {Pick(StreetNames)}", postCode, commune, members);
        }
    }

    private SyntheticPerson Person(int index, string lastName, Sex sex, int age, string relationship)
    {
        var first = Pick(sex == Sex.Female ? FemaleNames : MaleNames);
        var birth = today.AddYears(-age).AddDays(-random.Next(0, 365));
        var adult = age >= 16;
        var phone = adult && random.Next(10) < 8 ? $"0{random.Next(6, 8)} {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)} {random.Next(10, 100)}" : null;
        var email = adult && age < 70 && random.Next(10) < 4 ? $"{Ascii(first)}.{Ascii(lastName)}{random.Next(1, 99)}@exemple.fr" : null;
        return new SyntheticPerson(index, first, lastName, sex, birth, phone, email, relationship);
    }
}
