using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace Clickcast.Export;

/// <summary>Registers export: the exporter, the object-store delivery ledger and the resilient HTTP clients.</summary>
public static class ExportServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PredictionExporter"/> and what it needs, beside <c>AddClickcast</c> (which provides the object
    /// store). The webhook and Join clients (<see cref="ExportHttpClients"/>) get the standard resilience handler
    /// configured from <see cref="ExportOptions.Http"/>, with a circuit breaker per host, over one primary handler
    /// (<see cref="ExportHttpHandler"/>) that enforces the <see cref="ExportNetworkPolicy"/> and follows no redirect. A delivery ledger registered
    /// before this call (a database one, say) is kept.
    /// </summary>
    public static IServiceCollection AddClickcastExport(this IServiceCollection services, Action<ExportOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.AddOptions<ExportOptions>().ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IDeliveryLedger, ObjectStoreDeliveryLedger>();
        services.TryAddSingleton<PredictionExporter>();
        services.TryAddSingleton(static provider => new ExportNetworkPolicy(provider.GetRequiredService<IOptions<ExportOptions>>()));

        // Handlers added after the resilience handler run inside it, once per attempt: each retry is signed afresh.
        AddResilientClient(services, ExportHttpClients.Webhook)
            .AddHttpMessageHandler(provider => new WebhookSigningHandler(provider.GetRequiredService<TimeProvider>()));
        AddResilientClient(services, ExportHttpClients.Join);
        return services;
    }

    private static IHttpClientBuilder AddResilientClient(IServiceCollection services, string name)
    {
        var builder = services.AddHttpClient(name, client =>
        {
            // The resilience handler's total timeout is the only clock on a request.
            client.Timeout = Timeout.InfiniteTimeSpan;
            client.DefaultRequestHeaders.UserAgent.ParseAdd("Clickcast-Export/1");
        });
        // Every export request connects through the one handler that enforces the network policy and follows no redirect.
        builder.ConfigurePrimaryHttpMessageHandler(static provider => ExportHttpHandler.Create(provider.GetRequiredService<ExportNetworkPolicy>()));
        // Header values carry the bearer token and signatures: never log one, whatever the runtime's default.
        builder.RedactLoggedHeaders(static _ => true);
        builder.AddStandardResilienceHandler()
            .Configure((resilience, provider) => Apply(provider.GetRequiredService<IOptions<ExportOptions>>().Value.Http, resilience))
            .SelectPipelineByAuthority();
        return builder;
    }

    private static bool IsPolicyRefusal(Exception? exception)
    {
        for (var current = exception; current is not null; current = current.InnerException)
        {
            if (current is ExportNetworkPolicyException)
            {
                return true;
            }
        }

        return false;
    }

    private static void Apply(ExportHttpOptions http, HttpStandardResilienceOptions resilience)
    {
        resilience.AttemptTimeout.Timeout = http.AttemptTimeout;
        resilience.TotalRequestTimeout.Timeout = http.TotalRequestTimeout;
        resilience.Retry.MaxRetryAttempts = http.MaxRetryAttempts;
        resilience.Retry.BackoffType = DelayBackoffType.Exponential;
        resilience.Retry.UseJitter = true;
        resilience.Retry.Delay = http.RetryBaseDelay;
        resilience.Retry.MaxDelay = http.MaxRetryDelay;
        // A refusal by the network policy is final: retrying would only repeat it.
        resilience.Retry.ShouldHandle = static args => ValueTask.FromResult(
            !IsPolicyRefusal(args.Outcome.Exception) && HttpClientResiliencePredicates.IsTransient(args.Outcome));
        resilience.CircuitBreaker.BreakDuration = http.CircuitBreakDuration;
        // The breaker's window must span at least two attempts (the handler validates this).
        var twoAttempts = http.AttemptTimeout * 2;
        resilience.CircuitBreaker.SamplingDuration = twoAttempts > TimeSpan.FromSeconds(30) ? twoAttempts : TimeSpan.FromSeconds(30);
    }
}
