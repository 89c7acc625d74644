namespace Clickcast.Scoring;

/// <summary>A request's hold on a warm champion and the facts it is scored against; dispose it when done.</summary>
public sealed class WarmChampionLease : IDisposable
{
    private WarmChampion? _champion;

    internal WarmChampionLease(WarmChampion champion, ScoreDistribution? distribution, long latestEventMicros)
    {
        _champion = champion;
        Distribution = distribution;
        LatestEventMicros = latestEventMicros;
    }

    /// <summary>The champion.</summary>
    public WarmChampion Champion => _champion ?? throw new ObjectDisposedException(nameof(WarmChampionLease));

    /// <summary>The champion's latest batch score distribution (percentiles), or null before its first scoring run.</summary>
    public ScoreDistribution? Distribution { get; }

    /// <summary>The newest event in the tenant's stored sequences: the data's "now", as the batch scorer uses it.</summary>
    public long LatestEventMicros { get; }

    public void Dispose() => Interlocked.Exchange(ref _champion, null)?.Release();
}
