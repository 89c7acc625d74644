using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Clickcast.Diagnostics;
using Clickcast.Export;
using Clickcast.Pipeline;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Server.Audit;
using Clickcast.Server.Dashboard;
using Clickcast.Server.Exports;
using Clickcast.Server.Health;
using Clickcast.Server.Hosting;
using Clickcast.Server.Keys;
using Clickcast.Server.Models;
using Clickcast.Server.Notifications;
using Clickcast.Server.Predictions;
using Clickcast.Server.Runs;
using Clickcast.Server.Security;
using Clickcast.Server.Telemetry;
using Clickcast.Server.Tenants;
using Clickcast.Server.Uploads;
using Clickcast.Storage;
using Clickcast.Tenants.Keys;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using Scalar.AspNetCore;

namespace Clickcast.Server;

/// <summary>
/// The control plane as one ASP.NET Core application: the JSON API, the dashboard, health, metrics and OpenAPI, and
/// (by default) the pipeline's workers, over the same services as the command line.
/// </summary>
/// <remarks>
/// Settings: the same as every other clickcast process (<see cref="ClickcastSettings"/>): <c>clickcast.json</c>, then
/// <c>CLICKCAST_</c> environment variables, then <see cref="ServerHostSettings.Settings"/>. Sections include <c>Limits</c> (<see cref="Clickcast.Tenants.TenantLimits"/>).
/// </remarks>
public static class ClickcastServer
{
    /// <summary>Builds the application; call <see cref="PrepareAsync"/> before running it.</summary>
    public static WebApplication Build(ServerHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var overrides = new Dictionary<string, string?>(settings.Settings, StringComparer.OrdinalIgnoreCase);
        if (settings.DataPath is not null)
        {
            overrides["DataPath"] = settings.DataPath;
        }

        var contentRoot = settings.ContentRoot ?? Directory.GetCurrentDirectory();
        var clickcast = ClickcastSettings.Build(settings.SettingsFile, contentRoot, overrides, settings.Environment);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { ContentRootPath = contentRoot });

        // One settings scheme for every process: appsettings.json, unprefixed environment variables and configuration
        // on the command line are not read (ASPNETCORE_-prefixed host settings still are).
        foreach (var source in builder.Configuration.Sources.ToList())
        {
            if (source is Microsoft.Extensions.Configuration.Json.JsonConfigurationSource
                or Microsoft.Extensions.Configuration.CommandLine.CommandLineConfigurationSource
                or Microsoft.Extensions.Configuration.EnvironmentVariables.EnvironmentVariablesConfigurationSource { Prefix: null or "" })
            {
                builder.Configuration.Sources.Remove(source);
            }
        }

        // A default every settings source overrides: per-request logs (with their URLs) only from Warning up.
        builder.Configuration.Sources.Insert(0, new Microsoft.Extensions.Configuration.Memory.MemoryConfigurationSource
        {
            InitialData = new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" },
        });
        builder.Configuration.AddConfiguration(clickcast);
        if (settings.Urls.Count > 0)
        {
            builder.WebHost.UseUrls([.. settings.Urls]);
        }

        var configuration = builder.Configuration;
        ConsoleLogs.Add(builder.Logging, configuration, toStandardError: false);
        var startup = StartupFailureFilter.Add(builder.Logging);
        var services = builder.Services;
        services.AddClickcast();
        services.AddClickcastSettings(clickcast);
        settings.ConfigureServices?.Invoke(services);
        AddServer(services, configuration);

        var app = builder.Build();
        app.Lifetime.ApplicationStarted.Register(startup.Started);
        UseServer(app);
        return app;
    }

    /// <summary>
    /// Removes what crashed clickcast processes left in the temp folder (<see cref="ScratchSweep"/>), checks that the key ring folder can be written (<see cref="Hosting.SettingsException"/> otherwise), migrates the metadata database and makes sure an admin key exists: the configured one, or one generated now,
    /// whose secret is returned for the host to show once (it is never logged or stored).
    /// </summary>
    public static async Task<string?> PrepareAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
        ScratchSweep.RunAtStart(app.Services);
        KeyRingFolderCheck.Ensure(SecretsServiceCollectionExtensions.KeyRingFolder(app.Services.GetRequiredService<IOptions<ClickcastOptions>>().Value));
        await app.Services.GetRequiredService<Metadata.MetadataDatabase>().MigrateAsync(cancellationToken).ConfigureAwait(false);
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clickcast.Server.Security");
        return await AdminKeys.EnsureAsync(app.Services.GetRequiredService<ApiKeyStore>(), app.Services.GetRequiredService<IOptions<ServerOptions>>().Value, logger, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The addresses the server listens on, once started (with the real port when 0 was asked for).</summary>
    public static IReadOnlyList<string> Addresses(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
    }

    private static void AddServer(IServiceCollection services, IConfiguration configuration)
    {
        services.ConfigureHttpJsonOptions(json =>
        {
            ClickcastJson.AddConverters(json.SerializerOptions.Converters);
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });

        // Unreadable bodies reach ProblemExceptionHandler, which says which key or value is wrong and what is valid.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();

        // A request that cannot be bound (malformed JSON, an enum typo, ?status=Foo) reaches the exception handler,
        // which says what and where, instead of ending as a bare 400.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);

        services.AddClickcastSecrets();

        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiRoutes.AdminPolicy, policy => policy.RequireClaim(Caller.ScopeClaim, nameof(ApiKeyScope.Admin)));
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var problems = context.HttpContext.RequestServices.GetRequiredService<IProblemDetailsService>();
                await problems.WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context.HttpContext,
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "This tenant's keys have made too many requests in the rate-limit window; wait and try again." },
                }).ConfigureAwait(false);
            };
            limiter.AddPolicy(ApiRoutes.ApiRateLimit, context => Partition(context, o => o.RequestsPerWindow));
            limiter.AddPolicy(ApiRoutes.UploadRateLimit, context => Partition(context, o => o.UploadsPerWindow));
            limiter.AddPolicy(ApiRoutes.PredictRateLimit, context => Partition(context, o => o.PredictionsPerWindow));
        });

        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer<ApiKeySecurityTransformer>().AddDocumentTransformer<ProblemResponsesTransformer>());
        services.AddSingleton<MetadataHealthCheck>(); // one instance, so its cached answer is shared
        services.AddHealthChecks().AddCheck<MetadataHealthCheck>("metadata", tags: ["ready"]);
        services.AddSingleton<ServerMetrics>();
        // Tenant ids only on an authenticated scrape (Server:MetricsTenantLabels): otherwise the pipeline's series are
        // summed over tenants and tasks.
        var tenantLabels = configuration.GetValue("Server:MetricsTenantLabels", false);
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("clickcast"))
            .WithMetrics(metrics => metrics
                .AddMeter(ClickcastMetrics.MeterName, ServerMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "System.Runtime")
                .AddView(instrument => tenantLabels || instrument.Meter.Name != ClickcastMetrics.MeterName ? null
                    : new MetricStreamConfiguration { TagKeys = [.. ClickcastMetrics.AnonymousTags] })
                .AddPrometheusExporter());

        services.AddSingleton<TenantAccessFilter>();
        services.AddSingleton<Provisioner>();
        services.AddHostedService<JobCountsRefresher>();
        services.AddHostedService<AuditRetention>();
        if (tenantLabels)
        {
            services.AddHostedService<TaskGaugesRefresher>();
        }

        if (configuration.GetValue("Server:RunWorkers", true))
        {
            services.AddHostedService<PipelineWorker>();
        }
    }

    private static RateLimitPartition<string> Partition(HttpContext context, Func<ServerOptions, int> permits)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
        // Per tenant, not per key: a tenant that issues more keys gets no more budget. The operator counts apart.
        var key = context.User.Identity?.IsAuthenticated != true ? "ip:" + context.Connection.RemoteIpAddress
            : Caller.From(context.User) is { IsAdmin: false, Tenant: { } tenant } ? "tenant:" + tenant
            : "operator";
        return RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permits(options),
            Window = options.RateLimitWindow,
            QueueLimit = 0,
        });
    }

    private static void UseServer(WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();
        app.Use(DefinitionBodyLimit.InvokeAsync);

        app.MapOpenApi().AllowAnonymous();
        // Offline: Scalar's bundle is served from this assembly; its web fonts, telemetry and AI agent would call out.
        app.MapScalarApiReference(options => options.WithTitle("Clickcast API").DisableDefaultFonts().DisableTelemetry().DisableAgent().DisableMcp()).AllowAnonymous();
        app.MapHealthChecks(HealthRoutes.Live, new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks(HealthRoutes.Ready, new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        var metrics = app.MapPrometheusScrapingEndpoint("/metrics");
        if (app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.MetricsTenantLabels)
        {
            metrics.RequireAuthorization(ApiRoutes.AdminPolicy);
        }
        else
        {
            metrics.AllowAnonymous();
        }

        app.MapDashboard();

        app.MapKeysApi();
        app.MapTenantsApi();
        app.MapReshardApi();
        app.MapTasksApi();
        app.MapUploadsApi();
        app.MapRunsApi();
        app.MapHealthApi();
        app.MapModelsApi();
        app.MapPredictionsApi();
        app.MapPredictApi();
        app.MapExportsApi();
        app.MapNotificationsApi();
        app.MapAuditApi();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clickcast.Server");
            Hosting.Log.Started(logger, string.Join(", ", Addresses(app)), app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.RunWorkers, app.Services.GetRequiredService<IOptions<ClickcastOptions>>().Value.DataPath);
        });
    }
}
