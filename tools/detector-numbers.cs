#!/usr/bin/env dotnet
// The README's "with train + score" column (issue 22): the anomaly numbers a user gets from the CLI's train and score
// verbs with default options, beside the benchmark's own, from the same splits. For each table it writes every split
// of PyOD's protocol (seed i, 60/40, as anomaly-benchmark makes them) as two CSV files, trains with
// `train --dataset split-i-train.csv --label-column label --test-fraction 0 --seed i`, scores the other part with
// `score`, and takes the ROC AUC of the scores against its labels; for digits, `train --normal-class C --seed S`
// then `score --input data/digits` on the test split's rows. It also runs `anomaly-benchmark` on the same data and
// prints both: the detectors are the same, so the numbers must be equal. Writes docs/results/detectors.json.
// From the repository root, after 'dotnet build cli -c Release' (about 10 minutes on a 2-core machine):
//   dotnet run tools/detector-numbers.cs                      # cardio, thyroid, digits class 7 (seeds 1-3)
//   dotnet run tools/detector-numbers.cs -- cardio            # one group: cardio, thyroid, digits
#:project ../lib/Autoencoders.csproj
// The libtorch backend (the splits are libtorch's seeded permutations); only this machine's natives are copied.
#:package TorchSharp-cpu
#:property UseCurrentRuntimeIdentifier=true
// Reflection-based JSON needs the JIT: file-based apps default to native AOT, which this tool does not use.
#:property PublishAot=false

using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Autoencoders.Data.Preprocessing;
using Autoencoders.Data.Tabular;
using Autoencoders.Evaluation.Anomaly;

var root = Directory.GetCurrentDirectory();
var cli = Path.Combine(root, "cli", "bin", "Release", "net10.0", "autoencoders-cli.dll");
if (!File.Exists(cli))
{
    Console.Error.WriteLine($"error: {cli} is missing: run 'dotnet build cli -c Release' in the repository root first.");
    return 2;
}

// The splits come from libtorch's seeded permutation, as anomaly-benchmark's do.
Autoencoders.Native.TorchRuntime.EnsureLoaded(1);
var invariant = CultureInfo.InvariantCulture;
var groups = args.Length > 0 ? args.ToHashSet(StringComparer.Ordinal) : ["cardio", "thyroid", "digits"];
var output = Path.Combine(root, "out", "detectors");
var resultsPath = Path.Combine(root, "docs", "results", "detectors.json");
var results = File.Exists(resultsPath)
    ? JsonSerializer.Deserialize<SortedDictionary<string, double>>(JsonDocument.Parse(File.ReadAllText(resultsPath)).RootElement.GetProperty("values").GetRawText())!
    : new SortedDictionary<string, double>(StringComparer.Ordinal);
var mismatches = 0;

string[] tables = ["cardio", "thyroid"];
foreach (var table in tables.Where(groups.Contains))
{
    var path = Path.Combine(root, "data", "odds", $"{table}.csv");
    var folder = Path.Combine(output, table);
    Directory.CreateDirectory(folder);
    var data = CsvTable.Read(path, "label");
    var aucs = new List<double>();
    for (var split = 0; split < 10; split++)
    {
        // anomaly-benchmark's split i: seed i, 40 % held out, not stratified.
        var (trainRows, testRows) = DataSplit.Indices(data.RowCount, 0.4, split);
        var train = Path.Combine(folder, $"split-{split}-train.csv");
        var test = Path.Combine(folder, $"split-{split}-test.csv");
        WriteRows(data, trainRows, train);
        WriteRows(data, testRows, test);
        var model = Path.Combine(folder, $"model-{split}");
        var scores = Path.Combine(folder, $"scores-{split}.csv");
        Run("train", "--dataset", train, "--label-column", "label", "--test-fraction", "0", "--seed", $"{split}", "--threads", "1", "--out", model);
        Run("score", "--checkpoint", model, "--input", test, "--threads", "1", "--out", scores);
        aucs.Add(AucOf(scores, "label", row => row == "1", trapezoid: true));
    }

    var benchmark = Path.Combine(folder, "benchmark");
    Run("anomaly-benchmark", "--dataset", path, "--label-column", "label", "--protocol", "random-splits", "--splits", "10", "--train-fraction", "0.6",
        "--threads", "1", "--out", benchmark);
    var reported = BenchmarkAucs(Path.Combine(benchmark, "anomaly-benchmark.json"));
    Record($"{table}.train-score.auc.mean", aucs.Average());
    Record($"{table}.train-score.auc.sd", Sd(aucs));
    Record($"{table}.benchmark.auc.mean", reported.Average());
    Compare(table, aucs, reported);
}

if (groups.Contains("digits"))
{
    const int normal = 7;
    var folder = Path.Combine(output, "digits");
    Directory.CreateDirectory(folder);
    var testRows = DigitsTestRows();
    var aucs = new List<double>();
    foreach (var seed in Enumerable.Range(1, 3))
    {
        var model = Path.Combine(folder, $"model-{normal}-{seed}");
        var scores = Path.Combine(folder, $"scores-{normal}-{seed}.csv");
        Run("train", "--dataset", "digits", "--normal-class", $"{normal}", "--seed", $"{seed}", "--threads", "1", "--out", model);
        Run("score", "--checkpoint", model, "--input", Path.Combine(root, "data", "digits"), "--threads", "1", "--out", scores);
        aucs.Add(AucOf(scores, "label", label => label != $"{normal}", testRows));
    }

    var benchmark = Path.Combine(folder, "benchmark");
    Run("anomaly-benchmark", "--dataset", "digits", "--protocol", "one-class", "--classes", $"{normal}", "--seeds", "3", "--threads", "1", "--out", benchmark);
    var reported = OneClassAucs(Path.Combine(benchmark, "anomaly-benchmark.json"));
    Record($"digits.class{normal}.train-score.auc.mean", aucs.Average());
    Record($"digits.class{normal}.benchmark.auc.mean", reported.Average());
    Compare($"digits, class {normal}", aucs, reported);
}

Directory.CreateDirectory(Path.GetDirectoryName(resultsPath)!);
var json = JsonSerializer.Serialize(new
{
    command = "dotnet run tools/detector-numbers.cs -- GROUPS (cardio, thyroid, digits)",
    measured = $"{DateTime.UtcNow:yyyy-MM-dd}",
    values = results,
}, new JsonSerializerOptions { WriteIndented = true });
File.WriteAllText(resultsPath + ".tmp", json + "\n");
File.Move(resultsPath + ".tmp", resultsPath, overwrite: true);
Console.WriteLine($"Wrote {resultsPath}");
return mismatches == 0 ? 0 : 1;

void Record(string key, double value)
{
    results[key] = value;
    Console.WriteLine(string.Create(invariant, $"{key} = {value:F4}"));
}

void Compare(string what, List<double> ours, IReadOnlyList<double> reported)
{
    var equal = ours.Count == reported.Count && ours.Zip(reported).All(pair => pair.First == pair.Second);
    mismatches += equal ? 0 : 1;
    Console.WriteLine(equal
        ? $"{what}: train + score gives the benchmark's ROC AUC on every split ({ours.Count}), bit for bit"
        : $"{what}: MISMATCH train + score {string.Join(", ", ours.Select(v => v.ToString("F6", invariant)))} vs benchmark {string.Join(", ", reported.Select(v => v.ToString("F6", invariant)))}");
}

// The rows written as the CLI reads them back: every float32 value with the shortest text that parses to it.
void WriteRows(CsvTable data, long[] rows, string path)
{
    var text = new StringBuilder().AppendJoin(',', data.FeatureNames).Append(",label\n");
    var columns = data.FeatureNames.Select(data.Column).ToList();
    foreach (var row in rows)
    {
        text.AppendJoin(',', columns.Select(column => column[row].ToString("R", invariant))).Append(',').Append(data.Labels![(int)row].ToString(invariant)).Append('\n');
    }

    File.WriteAllText(path, text.ToString());
}

// The ROC AUC as each protocol computes it: the random-splits report integrates its ROC curve (trapezoids), the
// one-class protocol takes the Mann–Whitney statistic; both equal the same number up to the last bits.
double AucOf(string scoresCsv, string labelColumn, Func<string, bool> isAnomaly, HashSet<int>? only = null, bool trapezoid = false)
{
    var lines = File.ReadAllLines(scoresCsv);
    var header = lines[0].Split(',');
    var (id, score, label) = (Array.IndexOf(header, "id"), Array.IndexOf(header, "score"), Array.IndexOf(header, labelColumn));
    var rows = lines.Skip(1).Select(line => line.Split(',')).Where(fields => only is null || only.Contains(int.Parse(fields[id], invariant))).ToList();
    double[] values = [.. rows.Select(fields => double.Parse(fields[score], invariant))];
    bool[] flags = [.. rows.Select(fields => isAnomaly(fields[label]))];
    return trapezoid ? RocCurve.Compute(values, flags).Auc : RocCurve.MannWhitneyAuc(values, flags);
}

List<double> BenchmarkAucs(string path)
{
    using var document = JsonDocument.Parse(File.ReadAllText(path));
    return [.. document.RootElement.GetProperty("splits").EnumerateArray()
        .Select(split => split.GetProperty("methods").EnumerateArray().First(method => method.GetProperty("name").GetString() == "autoencoder").GetProperty("rocAuc").GetDouble())];
}

List<double> OneClassAucs(string path)
{
    using var document = JsonDocument.Parse(File.ReadAllText(path));
    return [.. document.RootElement.GetProperty("perClass")[0].GetProperty("methods")[0].GetProperty("rocAuc").GetProperty("perSeed").EnumerateArray().Select(value => value.GetDouble())];
}

// The rows of data/digits that Datasets.Load("digits") puts in its test split (split seed 0, 20 %, stratified, shuffled).
HashSet<int> DigitsTestRows()
{
    var labels = File.ReadAllBytes(Path.Combine(root, "data", "digits", "digits-labels-idx1-ubyte.gz"));
    using var gzip = new System.IO.Compression.GZipStream(new MemoryStream(labels), System.IO.Compression.CompressionMode.Decompress);
    using var raw = new MemoryStream();
    gzip.CopyTo(raw);
    var values = raw.ToArray()[8..].Select(value => (long)value).ToArray();
    var (_, test) = DataSplit.Indices(values.Length, 0.2, 0, values, SplitOrder.Shuffled);
    return [.. test.Select(row => (int)row)];
}

static double Sd(List<double> values)
{
    var mean = values.Average();
    return Math.Sqrt(values.Sum(value => (value - mean) * (value - mean)) / (values.Count - 1));
}

void Run(params string[] arguments)
{
    var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true };
    foreach (var argument in new[] { cli }.Concat(arguments))
    {
        start.ArgumentList.Add(argument);
    }

    Console.Error.WriteLine($"$ autoencoders {string.Join(' ', arguments)}");
    using var process = Process.Start(start)!;
    _ = process.StandardOutput.ReadToEnd();
    process.WaitForExit();
    if (process.ExitCode != 0)
    {
        throw new InvalidOperationException($"'{string.Join(' ', arguments)}' exited with {process.ExitCode}");
    }
}
