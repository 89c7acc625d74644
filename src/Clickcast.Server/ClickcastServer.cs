using System.Text.Json.Serialization;
using System.Threading.RateLimiting;
using Clickcast.Diagnostics;
using Clickcast.Export;
using Clickcast.Pipeline.Jobs;
using Clickcast.Pipeline.Triggers;
using Clickcast.Pipeline;
using Clickcast.Server.Dashboard;
using Clickcast.Server.Exports;
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
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting;
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
/// Configuration: appsettings.json in the content root, environment variables, then <see cref="ServerHostSettings"/>.
/// Sections: <c>Clickcast</c> (data path, storage, metadata database), <c>Jobs</c>, <c>Sensor</c>, <c>Pipeline</c>,
/// <c>Export</c>, <c>Server</c> (<see cref="ServerOptions"/>), <c>Logging</c>.
/// </remarks>
public static class ClickcastServer
{
    /// <summary>Builds the application; call <see cref="PrepareAsync"/> before running it.</summary>
    public static WebApplication Build(ServerHostSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = [.. settings.Args],
            ContentRootPath = settings.ContentRoot ?? Directory.GetCurrentDirectory(),
        });
        builder.Configuration.AddInMemoryCollection(settings.Settings);
        if (settings.DataPath is not null)
        {
            builder.Configuration["Clickcast:DataPath"] = settings.DataPath;
        }

        if (settings.Urls.Count > 0)
        {
            builder.WebHost.UseUrls([.. settings.Urls]);
        }

        var configuration = builder.Configuration;
        var services = builder.Services;
        services.AddClickcast(options => configuration.GetSection("Clickcast").Bind(options));
        services.Configure<JobOptions>(configuration.GetSection("Jobs"));
        services.Configure<SensorOptions>(configuration.GetSection("Sensor"));
        services.Configure<PipelineOptions>(configuration.GetSection("Pipeline"));
        services.Configure<ExportOptions>(configuration.GetSection("Export"));
        settings.ConfigureServices?.Invoke(services);
        AddServer(services, configuration);

        var app = builder.Build();
        UseServer(app);
        return app;
    }

    /// <summary>
    /// Migrates the metadata database and makes sure an admin key exists: the configured one, or one generated now,
    /// whose secret is returned for the host to show once (it is never logged or stored).
    /// </summary>
    public static async Task<string?> PrepareAsync(WebApplication app, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(app);
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
        services.AddOptions<ServerOptions>().Bind(configuration.GetSection("Server")).ValidateDataAnnotations().ValidateOnStart();
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull;
            json.SerializerOptions.UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow;
        });

        // Unreadable bodies reach ProblemExceptionHandler, which says which key or value is wrong and what is valid.
        services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(routes => routes.ThrowOnBadRequest = true);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = context =>
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier);
        services.AddExceptionHandler<ProblemExceptionHandler>();

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
                    ProblemDetails = new ProblemDetails { Status = StatusCodes.Status429TooManyRequests, Title = "Too many requests", Detail = "This key has made too many requests; wait a minute and try again." },
                }).ConfigureAwait(false);
            };
            limiter.AddPolicy(ApiRoutes.ApiRateLimit, context => Partition(context, o => o.RequestsPerWindow));
            limiter.AddPolicy(ApiRoutes.UploadRateLimit, context => Partition(context, o => o.UploadsPerWindow));
        });

        services.AddOpenApi("v1", openApi => openApi.AddDocumentTransformer<ApiKeySecurityTransformer>());
        services.AddHealthChecks().AddCheck<MetadataHealthCheck>("metadata", tags: ["ready"]);
        services.AddSingleton<ServerMetrics>();
        services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("clickcast"))
            .WithMetrics(metrics => metrics
                .AddMeter(ClickcastMetrics.MeterName, ServerMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting")
                .AddPrometheusExporter());

        services.AddSingleton<TenantAccessFilter>();
        services.AddSingleton<Provisioner>();
        services.AddHostedService<JobCountsRefresher>();
        if (configuration.GetValue("Server:RunWorkers", true))
        {
            services.AddHostedService<PipelineWorker>();
        }
    }

    private static RateLimitPartition<string> Partition(HttpContext context, Func<ServerOptions, int> permits)
    {
        var options = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value;
        var key = context.User.Identity?.IsAuthenticated == true
            ? "key:" + Caller.From(context.User).KeyId.ToString(System.Globalization.CultureInfo.InvariantCulture)
            : "ip:" + context.Connection.RemoteIpAddress;
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

        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference(options => options.WithTitle("Clickcast API")).AllowAnonymous();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapPrometheusScrapingEndpoint("/metrics").AllowAnonymous();
        app.MapDashboard();

        app.MapKeysApi();
        app.MapTenantsApi();
        app.MapTasksApi();
        app.MapUploadsApi();
        app.MapRunsApi();
        app.MapModelsApi();
        app.MapPredictionsApi();
        app.MapExportsApi();
        app.MapNotificationsApi();

        app.Lifetime.ApplicationStarted.Register(() =>
        {
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Clickcast.Server");
            Hosting.Log.Started(logger, string.Join(", ", Addresses(app)), app.Services.GetRequiredService<IOptions<ServerOptions>>().Value.RunWorkers, app.Services.GetRequiredService<IOptions<ClickcastOptions>>().Value.DataPath);
        });
    }
}
