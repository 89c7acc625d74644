namespace Clickcast.Export;

/// <summary>Where an export destination delivers predictions.</summary>
public enum ExportDestinationKind
{
    /// <summary>CSV, JSON Lines and Parquet copies under the task's <c>exports/</c> prefix in the object store.</summary>
    Files = 0,

    /// <summary>JSON batches POSTed to a URL, signed with HMAC-SHA256.</summary>
    Webhook,

    /// <summary>CleverData Join: a CSV per batch uploaded to the file manager, then an adapter-instance input naming it.</summary>
    CleverDataJoin,
}
