using System.Text.RegularExpressions;
using Autoencoders.Cli.Notebooks;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Notebooks;

/// <summary>The committed pages in docs/workbook/ against the notebooks they were rendered from.</summary>
public sealed partial class WorkbookPagesTests
{
    private const string Regenerate = "run the notebooks (dotnet test -c Release --filter FullyQualifiedName~NotebookRunTests), then 'dotnet run --project cli -c Release -- notebooks render'";

    private static readonly string NotebookFolder = Path.Combine(RepositoryPaths.Root, "notebooks");

    private static readonly string PageFolder = Path.Combine(RepositoryPaths.Root, "docs", "workbook");

    [Fact]
    public void Every_notebook_has_a_page_whose_code_matches_its_dib()
    {
        Assert.NotEmpty(WorkbookPages.NotebookNames(NotebookFolder));

        var problems = WorkbookPages.Problems(NotebookFolder, PageFolder);

        Assert.True(problems.Count == 0, $"stale pages ({Regenerate}):\n{string.Join('\n', problems)}");
    }

    [Fact]
    public void Every_notebooks_first_markdown_cell_links_its_page()
    {
        foreach (var name in WorkbookPages.NotebookNames(NotebookFolder))
        {
            var first = DibNotebook.Parse(File.ReadAllText(Path.Combine(NotebookFolder, name + ".dib"))).First(cell => !cell.IsCode);
            var link = $"../docs/workbook/{name}.md";
            Assert.True(first.Text.Contains($"{WorkbookPage.ReadItLine} [{link}]({link})", StringComparison.Ordinal), $"{name}.dib's first Markdown cell lacks the line '{WorkbookPage.ReadItLine} [{link}]({link})'");
        }
    }

    [Fact]
    public void Every_figure_of_a_page_has_the_what_to_see_sentence_its_notebook_gives_it()
    {
        foreach (var name in WorkbookPages.NotebookNames(NotebookFolder))
        {
            var cells = DibNotebook.Parse(File.ReadAllText(Path.Combine(NotebookFolder, name + ".dib")));
            var sentences = cells.Where(cell => !cell.IsCode)
                .SelectMany(cell => MarkdownText.Paragraphs(cell.Text))
                .Count(paragraph => paragraph.StartsWith(WorkbookPage.WhatToSee, StringComparison.Ordinal));
            var captions = Caption().Matches(File.ReadAllText(Path.Combine(PageFolder, name + ".md")))
                .Select(caption => int.Parse(caption.Groups["number"].Value, System.Globalization.CultureInfo.InvariantCulture))
                .ToList();

            Assert.True(captions.SequenceEqual(Enumerable.Range(1, sentences)),
                $"{name}: its page captions figures {string.Join(", ", captions)}, its .dib has {sentences} '{WorkbookPage.WhatToSee}' paragraphs: {Regenerate}");
        }
    }

    [GeneratedRegex("^\\*\\*Figure (?<number>[0-9]+)\\.\\*\\* \\S", RegexOptions.Multiline)]
    private static partial Regex Caption();
}
