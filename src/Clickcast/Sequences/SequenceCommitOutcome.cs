namespace Clickcast.Sequences;

/// <summary>What committing the shards of a generation did.</summary>
public enum SequenceCommitOutcome
{
    /// <summary>The new manifest is written.</summary>
    Committed = 0,

    /// <summary>This generation's manifest was already written (a retried commit): nothing to do.</summary>
    AlreadyCommitted,

    /// <summary>Another generation was committed since the shards started: theirs is refused, the events wait for the next update.</summary>
    Superseded,
}
