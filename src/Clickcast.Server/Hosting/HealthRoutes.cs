namespace Clickcast.Server.Hosting;

/// <summary>
/// The anonymous health endpoints, one source for the server's route table and the deployment files' probes
/// (systemd, Docker <c>HEALTHCHECK</c>, compose, Kubernetes).
/// </summary>
public static class HealthRoutes
{
    /// <summary>Liveness: the process answers HTTP; no dependency is checked, so a database outage restarts nothing.</summary>
    public const string Live = "/health/live";

    /// <summary>Readiness: the metadata database and the object store answer (cached for <c>Server:ReadinessCacheDuration</c>).</summary>
    public const string Ready = "/health/ready";
}
