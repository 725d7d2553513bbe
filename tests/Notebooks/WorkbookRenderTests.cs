using Autoencoders.Cli.Notebooks;
using Autoencoders.Tests.Support;
using static Autoencoders.Tests.Notebooks.SyntheticNotebook;

namespace Autoencoders.Tests.Notebooks;

/// <summary><c>notebooks render</c> on made-up executed notebooks: what a page shows, and what it refuses to show.</summary>
public sealed class WorkbookRenderTests
{
    private const string PlotlyHtml = "<div id=\"c\"><!-- Plotly chart will be drawn inside this DIV --></div><script>var renderPlotly_c = function() { Plotly.newPlot('c', [], {}); };</script>";

    private static readonly byte[] SomePng = [0x89, (byte)'P', (byte)'N', (byte)'G', 13, 10, 26, 10, 1, 2, 3, 4];

    [Fact]
    public void A_figure_with_a_png_is_written_beside_the_page_and_captioned_with_its_what_to_see_sentence()
    {
        using var notebook = new SyntheticNotebook();
        notebook.Write(
            [(false, "# 01 · Example\n\nIntro."), (false, "## Step 1\n\nA chart.\n\n**What to see:** the line goes up. It never falls."), (true, "Chart()")],
            Outputs(Png(SomePng)));

        var (code, _, errors) = notebook.Render();

        Assert.True(code == 0, errors);
        Assert.Equal(SomePng, File.ReadAllBytes(Path.Combine(notebook.PageFolder, "01-example", "figure-1.png")));
        var page = notebook.Page;
        Assert.Contains("![Figure 1: The line goes up.](01-example/figure-1.png)", page, StringComparison.Ordinal);
        Assert.Contains("**Figure 1.** The line goes up. It never falls.", page, StringComparison.Ordinal);
        // The sentence moves under the figure, as its caption.
        Assert.DoesNotContain(WorkbookPage.WhatToSee, page, StringComparison.Ordinal);
        Assert.True(page.IndexOf("```csharp\nChart()\n```", StringComparison.Ordinal) < page.IndexOf("![Figure 1", StringComparison.Ordinal));
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<div", page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_without_a_png_gets_one_honest_line_and_none_of_its_html()
    {
        using var notebook = new SyntheticNotebook();
        notebook.Write([(false, "# T\n\n**What to see:** two bumps."), (true, "Chart()")], Outputs(Display(("text/html", PlotlyHtml))));

        Assert.Equal(0, notebook.Render().Code);

        var page = notebook.Page;
        Assert.Contains(WorkbookPage.InteractiveChartNote + "\n\n**Figure 1.** Two bumps.", page, StringComparison.Ordinal);
        Assert.DoesNotContain("Plotly", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", page, StringComparison.Ordinal);
        Assert.False(Directory.Exists(Path.Combine(notebook.PageFolder, "01-example")));
    }

    [Fact]
    public void A_png_displayed_next_to_its_charts_html_is_one_figure()
    {
        using var notebook = new SyntheticNotebook();
        var png = Display(("text/plain", "ignored"));
        png["data"]!["image/png"] = Convert.ToBase64String(SomePng);
        notebook.Write([(false, "# T\n\n**What to see:** one chart."), (true, "Chart()")], Outputs(Display(("text/html", PlotlyHtml)), png));

        var (code, _, errors) = notebook.Render();

        Assert.True(code == 0, errors);
        Assert.DoesNotContain(WorkbookPage.InteractiveChartNote, notebook.Page, StringComparison.Ordinal);
        Assert.Contains("](01-example/figure-1.png)", notebook.Page, StringComparison.Ordinal);
    }

    [Fact]
    public void A_figure_without_a_what_to_see_paragraph_is_refused_naming_the_cell()
    {
        using var notebook = new SyntheticNotebook();
        notebook.Write([(false, "# T\n\nA chart, but nothing said about it."), (true, "1"), (true, "Chart()")], Outputs(), Outputs(Png(SomePng)));

        var (code, _, errors) = notebook.Render();

        Assert.Equal(2, code);
        Assert.Contains("code cell 2 shows figure 1", errors, StringComparison.Ordinal);
        Assert.Contains(WorkbookPage.WhatToSee, errors, StringComparison.Ordinal);
        Assert.False(Directory.Exists(notebook.PageFolder));
    }

    [Fact]
    public void A_what_to_see_paragraph_without_a_figure_after_it_is_refused()
    {
        using var notebook = new SyntheticNotebook();
        notebook.Write([(false, "# T\n\n**What to see:** a chart that never comes."), (true, "1 + 1"), (false, "## Next")], Outputs(Display(("text/plain", "2"))));

        var (code, _, errors) = notebook.Render();

        Assert.Equal(2, code);
        Assert.Contains("a chart that never comes", errors, StringComparison.Ordinal);
    }

    [Fact]
    public void Output_text_stays_text_inside_a_fence_longer_than_any_backtick_run_in_it()
    {
        using var notebook = new SyntheticNotebook();
        var hostile = "```\n" + HostileText.All + "\n````\n# not a heading";
        notebook.Write([(false, "# T"), (true, "Console.WriteLine(x)")], Outputs(Stream(hostile)));

        Assert.Equal(0, notebook.Render().Code);

        var page = notebook.Page;
        var blocks = MarkdownText.FencedBlocks(page);
        Assert.Equal(hostile, Assert.Single(blocks, block => block.Info == "text").Text);
        Assert.Contains("`````text\n", page, StringComparison.Ordinal);
        var outsideBlocks = string.Join('\n', page.Split('\n').Where(line => !blocks.Any(block => block.Text.Split('\n').Contains(line))));
        Assert.All(HostileText.RawPieces, piece => Assert.DoesNotContain(piece, outsideBlocks, StringComparison.Ordinal));
    }

    [Fact]
    public void Html_outputs_become_text_an_objects_table_as_field_value_lines()
    {
        var objectTable = "<details class=\"dni-treeview\"><summary><code>{ Train = 7200, Name = a&lt;b }</code></summary><div><table><thead><tr></tr></thead><tbody>"
            + "<tr><td>Train</td><td><div class=\"dni-plaintext\"><pre>7200</pre></div></td></tr>"
            + "<tr><td>Name</td><td><div class=\"dni-plaintext\"><pre>a&lt;b</pre></div></td></tr></tbody></table></div></details><style>table td { }</style>";

        Assert.Equal("field  value\n-----  -----\nTrain  7200\nName   a<b", HtmlOutputText.ToText(objectTable));
        Assert.Equal("bold\nnext", HtmlOutputText.ToText("<p><b>bold</b></p><script>alert(1)</script>next"));
    }

    [Fact]
    public void The_kernels_own_messages_in_the_set_up_cells_are_left_out()
    {
        using var notebook = new SyntheticNotebook();
        notebook.Write(
            [(false, "# T"), (true, "#r \"nuget: Plotly.NET, 6.0.0\""), (true, "1 + 1")],
            Outputs(Display(("text/html", "<div><strong>Installed Packages</strong><ul><li>Plotly.NET</li></ul></div>")), Display(("text/plain", "Loading extensions from `/root/x.dll`"))),
            Outputs(Display(("text/plain", "2"))));

        Assert.Equal(0, notebook.Render().Code);

        Assert.Equal(["2"], MarkdownText.FencedBlocks(notebook.Page).Where(block => block.Info == "text").Select(block => block.Text));
    }

    [Fact]
    public void Long_text_keeps_its_first_and_last_lines_around_one_line_saying_how_many_were_left_out()
    {
        var lines = Enumerable.Range(1, 100).Select(index => $"epoch {index}").ToArray();

        var trimmed = WorkbookPage.Trimmed(string.Join('\n', lines)).Split('\n');

        Assert.Equal([.. lines[..15], "… (75 lines left out) …", .. lines[^10..]], trimmed);
        Assert.Equal("short\ntext", WorkbookPage.Trimmed("short\ntext"));
    }

    [Fact]
    public void Relative_links_are_moved_from_the_notebooks_folder_to_the_pages_folder()
    {
        var moved = MarkdownText.MoveRelativeLinks(
            "[data](../data/README.md#nab), ![img](img.png \"t\"), [web](https://example.org/a), [here](#step-1)\n[def]: ../docs/x.md",
            "/repo/notebooks",
            "/repo/docs/workbook");

        Assert.Equal("[data](../../data/README.md#nab), ![img](../../notebooks/img.png \"t\"), [web](https://example.org/a), [here](#step-1)\n[def]: ../x.md", moved);
    }

    [Fact]
    public void An_executed_notebook_that_ran_other_code_or_failed_is_refused()
    {
        using var notebook = new SyntheticNotebook();
        notebook.Write([(false, "# T"), (true, "var x = 1;")], Outputs());
        notebook.WriteExecuted(["var x = 2;"]);

        var (otherCode, _, otherErrors) = notebook.Render();
        Assert.Equal(2, otherCode);
        Assert.Contains("code cell 1 of the executed notebook differs", otherErrors, StringComparison.Ordinal);

        notebook.WriteExecuted(["var x = 1;"], Outputs(Error("CompilationError", "CS0103: no such name")));
        var (failedCode, _, failedErrors) = notebook.Render();
        Assert.Equal(2, failedCode);
        Assert.Contains("CS0103", failedErrors, StringComparison.Ordinal);
    }

    [Fact]
    public void Rendering_again_leaves_unchanged_files_alone_and_removes_figures_the_page_no_longer_shows()
    {
        using var notebook = new SyntheticNotebook();
        notebook.Write([(false, "# T\n\n**What to see:** a.\n\n**What to see:** b."), (true, "Charts()")], Outputs(Png(SomePng), Png([.. SomePng, 5])));
        Assert.Equal(0, notebook.Render().Code);
        var second = Path.Combine(notebook.PageFolder, "01-example", "figure-2.png");
        var written = File.GetLastWriteTimeUtc(notebook.PagePath);
        File.SetLastWriteTimeUtc(notebook.PagePath, written.AddHours(-1));
        File.SetLastWriteTimeUtc(second, written.AddHours(-1));

        Assert.Equal(0, notebook.Render().Code);
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(notebook.PagePath));
        Assert.Equal(written.AddHours(-1), File.GetLastWriteTimeUtc(second));

        notebook.Write([(false, "# T\n\n**What to see:** a."), (true, "Charts()")], Outputs(Png(SomePng)));
        Assert.Equal(0, notebook.Render().Code);
        Assert.False(File.Exists(second));
        Assert.True(File.Exists(Path.Combine(notebook.PageFolder, "01-example", "figure-1.png")));
    }

    [Fact]
    public void Check_fails_for_a_notebook_without_a_page_and_for_a_page_whose_code_differs_and_passes_after_rendering()
    {
        using var notebook = new SyntheticNotebook();
        notebook.Write([(false, "# T"), (true, "var x = 1;\nx")], Outputs(Display(("text/plain", "1"))));

        var (missingCode, _, missingErrors) = notebook.Render("--check");
        Assert.Equal(2, missingCode);
        Assert.Contains("has no page", missingErrors, StringComparison.Ordinal);

        Assert.Equal(0, notebook.Render().Code);
        Assert.Equal(0, notebook.Render("--check").Code);

        // The outputs may differ from run to run: only the code counts.
        File.WriteAllText(notebook.PagePath, notebook.Page.Replace("```text\n1\n```", "```text\n2\n```", StringComparison.Ordinal));
        Assert.Equal(0, notebook.Render("--check").Code);

        File.WriteAllText(notebook.PagePath, notebook.Page.Replace("var x = 1;", "var x = 3;", StringComparison.Ordinal));
        var (staleCode, _, staleErrors) = notebook.Render("--check");
        Assert.Equal(2, staleCode);
        Assert.Contains("code block 1 differs", staleErrors, StringComparison.Ordinal);
    }
}
