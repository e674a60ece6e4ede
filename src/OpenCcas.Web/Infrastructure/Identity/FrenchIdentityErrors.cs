using Microsoft.AspNetCore.Identity;

namespace OpenCcas.Web.Infrastructure.Identity;

/// <summary>Identity's messages, in French.</summary>
public sealed class FrenchIdentityErrors : IdentityErrorDescriber
{
    private static IdentityError E(string code, string text) => new() { Code = code, Description = text };
    public override IdentityError DefaultError() => E(nameof(DefaultError), "Une erreur inconnue est survenue.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Le compte a été modifié entre-temps : rechargez la page.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "Mot de passe incorrect.");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "Ce lien n'est plus valide : demandez-en un nouveau.");
    public override IdentityError LoginAlreadyAssociated() => E(nameof(LoginAlreadyAssociated), "Cet identifiant externe est déjà associé à un compte.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"L'identifiant « {userName} » n'est pas valide.");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"L'adresse « {email} » n'est pas une adresse électronique valide.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"L'identifiant « {userName} » est déjà utilisé.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"L'adresse « {email} » est déjà utilisée par un autre compte.");
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "Ce compte a déjà un mot de passe.");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "Le verrouillage n'est pas activé pour ce compte.");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"Le mot de passe doit comporter au moins {length} caractères.");
    public override IdentityError PasswordRequiresUniqueChars(int n) => E(nameof(PasswordRequiresUniqueChars), $"Le mot de passe doit comporter au moins {n} caractères différents.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "Le mot de passe doit comporter un caractère spécial.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "Le mot de passe doit comporter au moins un chiffre.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "Le mot de passe doit comporter au moins une minuscule.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "Le mot de passe doit comporter au moins une majuscule.");
}
