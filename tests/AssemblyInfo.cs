// Model initialisation draws from torch's process-wide generator (TorchSharp's layers take no generator), so
// tests that check seeded results must not run while another test thread draws random numbers.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
