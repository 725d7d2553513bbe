using Autoencoders.Plots;
using static TorchSharp.torch;

namespace Autoencoders.Tests.Plots;

public sealed class TextTableTests
{
    private sealed record Inner(double Mean, int Count);

    private sealed record Outer(string Name, double Auc, Inner Scores, IReadOnlyList<double> Values);

    [Fact]
    public void Fields_rounds_doubles_flattens_nested_records_and_shows_short_lists_inline()
    {
        var table = TextTable.Fields(new Outer("zeros", 0.876411111111109, new Inner(0.019987522109230566, 1800), [1, 2, 3]));

        Assert.Equal(
            """
            field         value
            ------------  ---------
            Name          zeros
            Auc           0.8764
            Scores.Mean   0.01999
            Scores.Count  1800
            Values        [1, 2, 3]
            """.ReplaceLineEndings("\n"),
            table);
    }

    [Fact]
    public void Rows_has_one_column_per_property_and_an_optional_first_column_of_row_names()
    {
        var table = TextTable.Rows([new Inner(0.5, 10), new Inner(12.345678, 2)], rowNames: ["normal", "anomalous"], digits: 3);

        Assert.Equal(
            """
                       Mean  Count
            ---------  ----  -----
            normal      0.5     10
            anomalous  12.3      2
            """.ReplaceLineEndings("\n"),
            table);
    }

    [Fact]
    public void Anonymous_rows_work_and_non_finite_values_are_shown_as_such()
    {
        var table = TextTable.Rows(new[] { new { Name = "max", Value = double.NaN }, new { Name = "p99", Value = double.PositiveInfinity } });

        var lines = table.Split('\n');
        Assert.Equal(["Name     Value", "----  --------", "max        NaN", "p99   Infinity"], lines);
    }

    [Fact]
    public void A_column_of_numbers_is_right_aligned_and_a_long_list_shows_its_length()
    {
        var table = TextTable.Fields(new { Mse = 0.012915666240929836, Samples = 2000, Labels = Enumerable.Range(0, 10).ToList() });

        Assert.Equal(["field    value", "-------  ----------", "Mse      0.01292", "Samples  2000", "Labels   [10 items]"], table.Split('\n'));
        Assert.Equal(["field      value", "-------  -------", "Mse      0.01292", "Samples     2000"], TextTable.Fields(new { Mse = 0.012915666240929836, Samples = 2000 }).Split('\n'));
    }

    [Fact]
    public void A_tensor_shows_its_shape_not_its_properties()
    {
        using var codes = zeros(20, 32);

        Assert.Contains("tensor [20, 32]", TextTable.Fields(new { Codes = codes }), StringComparison.Ordinal);
    }

    [Fact]
    public void Row_names_must_match_the_rows_one_to_one()
    {
        var error = Assert.Throws<ArgumentException>(() => TextTable.Rows([new Inner(1, 1)], rowNames: ["a", "b"]));

        Assert.StartsWith("2 row names for 1 rows: give one name per row", error.Message, StringComparison.Ordinal);
    }
}
