using Clickcast.Labels;
using Clickcast.Sequences;
using Clickcast.Storage;

namespace Clickcast.Scoring;

public sealed partial class Scorer
{
    /// <summary>Writes expected-vs-actual reports for runs whose outcome window has closed, and saves the state.</summary>
    private async Task<IReadOnlyList<string>> MonitorAsync(ScoringRequest request, ScoringState state, SequenceManifest manifest, CancellationToken cancellationToken)
    {
        var written = new List<string>();
        var horizonMicros = (long)request.Labeling.Horizon.TotalMicroseconds;
        var due = request.Labeling.Mode == LabelingMode.Time
            ? state.Runs.Where(r => r.MonitoringKey is null && r.AsOfMicros + horizonMicros <= manifest.LatestEventMicros).ToList()
            : [];
        var runs = state.Runs.ToList();
        foreach (var run in due)
        {
            // A converter is a client with a target event in the run's outcome window.
            var matcher = new TargetMatcher(request.Target);
            bool Converted(ClientSequence sequence)
            {
                for (var i = 0; i < sequence.Length; i++)
                {
                    var t = sequence.TimestampArray[i];
                    if (t > run.AsOfMicros && t <= run.AsOfMicros + horizonMicros && matcher.IsTarget(sequence.UrlArray[i], sequence.EventTypeArray[i]))
                    {
                        return true;
                    }
                }

                return false;
            }

            var predictions = PredictionParts.ReadAsync(_store, PredictionParts.RunKeys(run), _compaction, cancellationToken);
            MonitoringTally tally;
            try
            {
                // The run's predictions and the sequences, both in client order, joined as they stream.
                tally = await MonitoringTally.OfAsync(ConversionJoin.JoinAsync(predictions, _sequences.ReadAsync(manifest, cancellationToken), Converted, cancellationToken), request.Target.Invert).ConfigureAwait(false);
            }
            catch (UnorderedPredictionsException ex)
            {
                // A run written before runs kept client order: its converters' ids are held once, in a set.
                Log.MonitoringUnordered(_logger, run.RunId, ex.Message);
                var converted = new HashSet<string>(StringComparer.Ordinal);
                await foreach (var sequence in _sequences.ReadAsync(manifest, cancellationToken).ConfigureAwait(false))
                {
                    if (Converted(sequence))
                    {
                        converted.Add(sequence.ClientId);
                    }
                }

                tally = await MonitoringTally.OfAsync(predictions.Select(p => (p, converted.Contains(p.ClientId))), request.Target.Invert).ConfigureAwait(false);
            }

            var report = tally.Report(run, request.Labeling.Horizon);
            var key = TenantLayout.Monitoring(request.Tenant, request.Task) + run.RunId + ".json";
            await _store.PutJsonAsync(key, report, ClickcastJson.Indented, cancellationToken).ConfigureAwait(false);
            runs[runs.IndexOf(run)] = run with { MonitoringKey = key };
            written.Add(key);
        }

        // State last: a crash before this line leaves the previous state, and the next run redoes the work.
        await _store.PutJsonAsync(StateKey(request.Tenant, request.Task), state with { Runs = runs }, ClickcastJson.Indented, cancellationToken).ConfigureAwait(false);
        return written;
    }
}
