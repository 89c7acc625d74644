namespace Clickcast.Export;

/// <summary>Where one batch stands.</summary>
public enum DeliveryStatus
{
    /// <summary>An attempt started and its outcome was never recorded (the process stopped): resend with the same key.</summary>
    Sending = 0,

    /// <summary>The destination accepted the batch; it is never sent again.</summary>
    Delivered,

    /// <summary>The last attempt failed after the resilience budget; the next export run resends it.</summary>
    Failed,
}
