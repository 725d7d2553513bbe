namespace Autoencoders.Tests.Notebooks;

/// <summary>
/// Tests that start a stock kernel share the NuGet cache's TorchSharp natives, and one of them restores the cached
/// wrapper library to its shipped state: tests in this collection never run at the same time.
/// </summary>
internal static class StockKernelCollection
{
    public const string Name = "Stock kernel";
}
