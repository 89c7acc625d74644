namespace Clickcast.Torch.Network;

/// <summary>How the network takes each chain's state at its true length from a right-padded batch.</summary>
internal enum FinalState
{
    /// <summary>Run the GRU over the padded batch and gather each row's output at length - 1.</summary>
    Gather,

    /// <summary>Pack the batch so the GRU never steps over padding, and take its final hidden state.</summary>
    Packed,
}
