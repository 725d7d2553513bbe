namespace Autoencoders.Interop;

/// <summary>
/// Maps the models' TorchSharp parameter names (from their C# field names, <c>_toCode.weight</c>) to the names of the
/// PyTorch modules in docs/pytorch.md (<c>to_code.weight</c>) and back. Only the first segment differs: the layers
/// inside are <c>nn.Sequential</c> on both sides, with the same indices and the same weight layouts.
/// </summary>
public static class PyTorchNames
{
    // Explicit rather than derived from the C# names: renaming a field must fail here, not silently change the files.
    private static readonly Dictionary<string, string> ModuleNames = new(StringComparer.Ordinal)
    {
        ["_encoder"] = "encoder",
        ["_decoder"] = "decoder",
        ["_toCode"] = "to_code",
        ["_fromCode"] = "from_code",
        ["_body"] = "body",
        ["_mean"] = "mean",
        ["_logVariance"] = "log_variance",
    };

    private static readonly Dictionary<string, string> FieldNames = ModuleNames.ToDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);

    /// <summary>The PyTorch name of a TorchSharp parameter name.</summary>
    /// <exception cref="InvalidOperationException">A module the mapping does not know (a model changed without this table).</exception>
    public static string ToPyTorch(string torchSharpName) => Map(torchSharpName, ModuleNames)
        ?? throw new InvalidOperationException($"no PyTorch name for the parameter {torchSharpName}: add its module to {nameof(PyTorchNames)}.");

    /// <summary>The TorchSharp name of a PyTorch parameter name, or null when no model has such a module.</summary>
    public static string? ToTorchSharp(string pyTorchName) => Map(pyTorchName, FieldNames);

    private static string? Map(string name, Dictionary<string, string> table)
    {
        ArgumentNullException.ThrowIfNull(name);
        var dot = name.IndexOf('.', StringComparison.Ordinal);
        var module = dot < 0 ? name : name[..dot];
        return table.TryGetValue(module, out var mapped) ? mapped + name[module.Length..] : null;
    }
}
