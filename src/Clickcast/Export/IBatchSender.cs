namespace Clickcast.Export;

/// <summary>Delivers one batch to one HTTP destination; throws when the destination did not accept it.</summary>
internal interface IBatchSender
{
    Task SendAsync(ExportBatch batch, CancellationToken cancellationToken);
}
