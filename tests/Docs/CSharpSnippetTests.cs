using System.Text;
using System.Text.RegularExpressions;
using Autoencoders.Tests.Images;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Docs;

/// <summary>
/// The C# examples of the README and docs that a reader would paste into a program (marked
/// <c>&lt;!-- doc-test: run --&gt;</c> before their fence; the others are API sketches) compile and run, all in one
/// .NET 10 file-based app against the library's project, each in its own block, from a scratch folder where data/ is
/// the repository's. It builds the library once more, so it runs alone.
/// </summary>
[Collection(ProcessWideStateGroup.Name)]
public sealed partial class CSharpSnippetTests
{
    private static readonly string[] RootFiles = ["README.md"];

    [Fact]
    public void Every_runnable_csharp_example_compiles_and_runs()
    {
        var snippets = Snippets();
        Assert.True(snippets.Count >= 4, $"only {snippets.Count} runnable examples found");
        using var scratch = new TempFolder();
        Directory.CreateSymbolicLink(Path.Combine(scratch.Path, "data"), Path.Combine(RepositoryPaths.Root, "data"));
        var app = scratch.Write("examples.cs", App(snippets));

        var result = ProcessRunner.Run("dotnet", ["run", app], scratch.Path, TimeSpan.FromMinutes(8));

        Assert.True(result.ExitCode == 0, $"exit {result.ExitCode}\n{Tail(result.Output)}\n{Tail(result.Errors)}");
        Assert.All(snippets, snippet => Assert.Contains($"example {snippet.Name} ran", result.Output, StringComparison.Ordinal));
    }

    private static string App(IReadOnlyList<(string Name, string Code)> snippets)
    {
        var torchSharp = Regex.Match(File.ReadAllText(Path.Combine(RepositoryPaths.Root, "Directory.Packages.props")),
            "Include=\"TorchSharp-cpu\" Version=\"(?<v>[^\"]+)\"").Groups["v"].Value;
        string[] common = ["System", "Autoencoders.Data", "Autoencoders.Models", "Autoencoders.Native", "Autoencoders.Pipeline", "Autoencoders.Training"];
        var usings = snippets.SelectMany(snippet => UsingDirective().Matches(snippet.Code).Select(match => match.Groups["ns"].Value))
            .Concat(common).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal);
        var app = new StringBuilder()
            .Append("#:project ").Append(Path.Combine(RepositoryPaths.Root, "lib", "Autoencoders.csproj")).Append('\n')
            .Append("#:package TorchSharp-cpu@").Append(torchSharp).Append('\n')
            .Append("#:property PublishAot=false\n");
        foreach (var name in usings)
        {
            app.Append("using ").Append(name).Append(";\n");
        }

        app.Append("TorchRuntime.EnsureLoaded();\n");
        foreach (var (name, code) in snippets)
        {
            app.Append("{ // ").Append(name).Append('\n').Append(UsingDirective().Replace(code, "")).Append('\n')
                .Append("Console.WriteLine(\"example ").Append(name).Append(" ran\");\n}\n");
        }

        return app.ToString();
    }

    private static List<(string Name, string Code)> Snippets()
    {
        var found = new List<(string, string)>();
        var files = RootFiles.Concat(Directory.GetFiles(Path.Combine(RepositoryPaths.Root, "docs"), "*.md").Select(path => Path.GetRelativePath(RepositoryPaths.Root, path)));
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(Path.Combine(RepositoryPaths.Root, file));
            var marked = DocumentedCommands.MarkedBlocks(lines, (marker, fence) => fence.Trim() == "```csharp" && marker.Contains("<!-- doc-test: run -->", StringComparison.Ordinal));
            found.AddRange(marked.Select(block => ($"{file.Replace('\\', '/')}:{block.Line}", block.Body)));
        }

        return found;
    }

    private static string Tail(string text) => string.Join('\n', text.Split('\n').TakeLast(25));

    [GeneratedRegex("^using (?<ns>[A-Za-z][A-Za-z0-9_.]*);[^\\n]*$", RegexOptions.Multiline)]
    private static partial Regex UsingDirective();
}
