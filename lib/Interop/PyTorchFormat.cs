namespace Autoencoders.Interop;

/// <summary>The file formats PyTorch reads a <c>state_dict</c> from.</summary>
public enum PyTorchFormat
{
    /// <summary><c>torch.save(model.state_dict(), path)</c>'s zip archive (a <c>.pt</c> file); PyTorch reads it with <c>torch.load(path, weights_only=True)</c>.</summary>
    PyTorch,

    /// <summary>The safetensors format (a JSON header, then the raw tensors): holds data only, so loading it cannot run code.</summary>
    Safetensors,
}
