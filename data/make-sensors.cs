#!/usr/bin/env dotnet
// Regenerates data/sensors.csv, the example time series, from the library's seeded generator:
//   dotnet run data/make-sensors.cs            (from the repository root)
// The output is byte-identical on every run; a test checks the committed file against the generator.
#:project ../lib/Autoencoders.csproj

using Autoencoders.Data.TimeSeries;

var folder = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? Path.Combine(Directory.GetCurrentDirectory(), "data");
var target = args.Length > 0 ? args[0] : Path.Combine(folder, "sensors.csv");
SensorData.Write(target, SensorData.DefaultSteps, SensorData.DefaultSeed);
Console.WriteLine($"wrote {target}: {SensorData.DefaultSteps} steps, seed {SensorData.DefaultSeed}");
