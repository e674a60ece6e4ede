using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.RateLimiting;
using OpenCcas.Web.Demo;
using OpenCcas.Web.Infrastructure.Audit;
using OpenCcas.Web.Infrastructure.Data;
using OpenCcas.Web.Infrastructure.Identity;
using OpenCcas.Web.Infrastructure.Tenancy;
using OpenCcas.Web.Infrastructure.Web;
using OpenCcas.Web.Platform;

namespace OpenCcas.Web;

/// <summary>The host: services, middleware and endpoints. Modules plug in their pages (by folder) and API groups.</summary>
public static class OpenCcasApp
{
    public static readonly CultureInfo French = CultureInfo.GetCultureInfo("fr-FR");

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = ContentRoot() });
        Configure(builder);
        var app = builder.Build();
        UsePipeline(app);
        return app;
    }

    /// <summary>Works from the repository root, from the project folder and from a published folder alike.</summary>
    private static string? ContentRoot()
    {
        var here = Directory.GetCurrentDirectory();
        var project = Path.Combine(here, "src", "OpenCcas.Web");
        return File.Exists(Path.Combine(project, "OpenCcas.Web.csproj")) ? project : null;
    }

    public static void Configure(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var config = builder.Configuration;
        CultureInfo.DefaultThreadCurrentCulture = French;
        CultureInfo.DefaultThreadCurrentUICulture = French;

        builder.Logging.AddJsonConsole(o => { o.IncludeScopes = false; o.TimestampFormat = "O"; });
        services.AddHttpContextAccessor();
        // French text is written as is in the pages (é, not &#xE9;).
        services.AddSingleton(System.Text.Encodings.Web.HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All));
        services.AddScoped<TenantContext>();
        services.AddScoped<CurrentOrganisation>();
        services.AddScoped<AuditActor>();
        services.AddScoped<AuditLog>();
        services.AddScoped<CurrentUser>();
        services.AddSingleton(sp => new AccessCache(sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor>(sp => sp.GetRequiredService<AccessCache>());
        services.AddOpenCcasDatabase(config, builder.Environment.ContentRootPath);
        // Sign-in cookies survive a restart: the key ring is kept beside the data (or where "DataProtection:KeysDirectory" says).
        services.AddDataProtection().SetApplicationName("OpenCCAS").PersistKeysToFileSystem(new DirectoryInfo(
            config["DataProtection:KeysDirectory"] ?? Path.Combine(Database.DataDirectory(config, builder.Environment.ContentRootPath), "keys")));

        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                o.Password.RequiredLength = 12;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireDigit = true;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole<Guid>>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<ClaimsFactory>()
            .AddErrorDescriber<FrenchIdentityErrors>();
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));

        var auth = services.AddAuthentication(o =>
            {
                o.DefaultScheme = AuthSchemes.Default;
                o.DefaultSignInScheme = IdentityConstants.ExternalScheme;
            })
            .AddPolicyScheme(AuthSchemes.Default, "Cookie ou jeton", o => o.ForwardDefaultSelector = ctx =>
                ctx.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
                    ? AuthSchemes.ApiToken : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, ApiTokenHandler>(AuthSchemes.ApiToken, null);
        auth.AddIdentityCookies();
        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/connexion";
            o.LogoutPath = "/deconnexion";
            o.AccessDeniedPath = "/acces-refuse";
            o.ExpireTimeSpan = TimeSpan.FromMinutes(config.GetValue("Security:SessionMinutes", 60));
            o.SlidingExpiration = true;
            o.Cookie.Name = "openccas";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.Events.OnRedirectToLogin = ctx => ApiAwareRedirect(ctx, StatusCodes.Status401Unauthorized);
            o.Events.OnRedirectToAccessDenied = ctx => ApiAwareRedirect(ctx, StatusCodes.Status403Forbidden);
        });
        OidcSignIn.Add(auth, config);

        services.AddSingleton<IAuthorizationPolicyProvider, PermissionPolicyProvider>();
        services.AddScoped<IAuthorizationHandler, PermissionHandler>();
        services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder(AuthSchemes.Default).RequireAuthenticatedUser().Build());

        services.AddRazorPages(o =>
            {
                o.RootDirectory = "/";
                o.Conventions.AllowAnonymousToFolder("/Account/Public");
                o.Conventions.AllowAnonymousToFolder("/Infrastructure/Web/Pages");
            })
            .AddMvcOptions(o => FrenchModelBinding.Apply(o.ModelBindingMessageProvider));
        services.AddAntiforgery(o => { o.Cookie.Name = "openccas-af"; o.HeaderName = "X-CSRF-TOKEN"; });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ProblemDocuments.Frenchify);
        services.AddOpenApi();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        services.Configure<Microsoft.AspNetCore.Http.Features.FormOptions>(o =>
            o.MultipartBodyLengthLimit = config.GetValue("Uploads:MaxBytes", 5L * 1024 * 1024));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            // Attempts (POST) are limited per address; showing the page is not: every request of an expired session
            // (an image, a favicon, a refresh) is sent to the sign-in page and would use up the agent's attempts.
            o.AddPolicy("sign-in", ctx => HttpMethods.IsPost(ctx.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(ctx.Connection.RemoteIpAddress?.ToString() ?? "local",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = config.GetValue("Security:SignInPerMinute", 30), Window = TimeSpan.FromMinutes(1) })
                : RateLimitPartition.GetNoLimiter("page"));
        });
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddSingleton<EmailSender>();
        services.Configure<SmtpSettings>(config.GetSection("Smtp"));
        services.AddScoped<DemoSeeder>();
        services.AddSingleton<DemoPreparation>();
        services.AddScoped<UserAccounts>();
        services.AddScoped<Navigation>();
        services.AddScoped<ApiTokens>();
        services.AddSingleton<Microsoft.EntityFrameworkCore.Diagnostics.IInterceptor, People.Search.PersonSearchIndex>();
        services.AddHostedService<People.Retention.RetentionJob>();
        services.AddHostedService<SqliteAnalyseJob>();
        Reception.ReceptionModule.AddReception(services, config);
    }

    private static Task ApiAwareRedirect(RedirectContext<CookieAuthenticationOptions> ctx, int status)
    {
        if (ctx.Request.Path.StartsWithSegments("/api"))
        {
            ctx.Response.StatusCode = status;
            return Task.CompletedTask;
        }
        ctx.Response.Redirect(ctx.RedirectUri);
        return Task.CompletedTask;
    }

    public static void UsePipeline(WebApplication app)
    {
        app.UseMiddleware<DatabaseUnavailableMiddleware>();
        // Errors: a French problem document for the API, the French error page otherwise; never a stack trace.
        app.UseWhen(StatusPages.IsApi, a => a.UseExceptionHandler(new ExceptionHandlerOptions { StatusCodeSelector = ErrorStatus.For }));
        app.UseWhen(ctx => !StatusPages.IsApi(ctx), a => a.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/erreur", StatusCodeSelector = ErrorStatus.For }));
        StatusPages.Use(app);
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture(French),
            SupportedCultures = [French],
            SupportedUICultures = [French],
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<TenancyMiddleware>();
        app.UseMiddleware<PasswordChangeEnforcementMiddleware>();
        app.UseMiddleware<TwoFactorEnforcementMiddleware>();
        app.UseAuthorization();

        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapRazorPages();
        var api = app.MapGroup("/api").WithTags("OpenCCAS").AddEndpointFilter<ApiValidationFilter>();
        PlatformApi.Map(api);
        LogoEndpoint.Map(app);
        PlatformAuditLabels.Register();
        // Modules: each maps its API and pages' endpoints and registers its audit labels and person-file panels.
        People.PeopleApi.Map(api);
        People.SearchApi.Map(api);
        People.Merge.MergeApi.Map(api);
        People.Rights.PersonRightsEndpoints.Map(app, api);
        People.PeopleLabels.RegisterAuditLabels();
        Reception.ReceptionModule.Map(app, api);
        FollowUp.FollowUpApi.Map(api);
        FollowUp.FollowUpModule.Register();
        FollowUp.PlansModule.Map(api);
        FollowUp.PlansModule.Register();
        FollowUp.Statistics.StatisticsExports.Map(app, api);
        AuditLabels.Register("Statistics", "Statistiques");
        Partners.PartnersApi.Map(api);
        OidcSignIn.MapEndpoints(app);
    }

    /// <summary>
    /// Creates or upgrades the database, and on an empty database in demo mode, the demo organisation. When the
    /// database cannot be reached at start-up the application still starts, answers 503 (and /healthz Unhealthy),
    /// and retries every 10 seconds until it can prepare the database.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        // The two slow parts of a start run side by side: EF's model (built by the first use of the database) and the
        // endpoints (Razor page actions, API request delegates), which the first request would otherwise build.
        var endpoints = Task.Run(() => BuildEndpoints(app));
        var prepared = await TryPrepareAsync(app);
        await endpoints;
        if (prepared) return;
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("OpenCcas.Startup");
        log.LogCritical("Database unreachable at start-up: answering 503 and retrying every 10 seconds.");
        var stopping = app.Lifetime.ApplicationStopping;
        _ = Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested)
            {
                try { await Task.Delay(TimeSpan.FromSeconds(10), stopping); }
                catch (OperationCanceledException) { return; }
                if (await TryPrepareAsync(app)) { log.LogWarning("Database reachable again: prepared."); return; }
            }
        }, stopping);
    }

    private static void BuildEndpoints(IEndpointRouteBuilder app)
    {
        foreach (var source in app.DataSources) _ = source.Endpoints;
    }

    private static async Task<bool> TryPrepareAsync(WebApplication app)
    {
        try
        {
            using var scope = app.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            await Database.MigrateAsync(db);
            if (app.Configuration.GetValue("Demo:Enabled", false))
            {
                var url = app.Urls.FirstOrDefault() ?? app.Configuration["urls"] ?? "http://localhost:5080";
                var demo = app.Services.GetRequiredService<DemoPreparation>();
                var started = await demo.StartAsync(app.Configuration.GetValue("Demo:People", 400), () =>
                {
                    // Seeding a year of activity leaves a large heap behind: give it back once rather than idle above it.
                    GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
                    DemoSeeder.PrintSignIn(Console.Out, url);
                });
                if (!started) DemoSeeder.PrintSignIn(Console.Out, url);
                else Console.WriteLine($"OpenCCAS : création du CCAS de démonstration en cours ; l'application répond déjà sur {url}.");
            }
            return true;
        }
        catch (Exception ex) when (DatabaseUnavailableMiddleware.IsDatabaseDown(ex))
        {
            return false;
        }
    }
}
