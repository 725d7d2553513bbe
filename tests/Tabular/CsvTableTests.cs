using System.Globalization;
using Autoencoders.Data;
using Autoencoders.Data.Tabular;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Tabular;

public sealed class CsvTableTests : IDisposable
{
    private readonly TempFolder folder = new();

    public void Dispose() => folder.Dispose();

    [Fact]
    public void Numeric_columns_are_read_row_by_row_with_invariant_numbers()
    {
        var path = folder.Write("plain.csv", "a,b,c\n1,2.5,-3e-2\n4, 5 ,+6\n");

        var table = CsvTable.Read(path);

        Assert.Equal(["a", "b", "c"], table.FeatureNames);
        Assert.Equal(2, table.RowCount);
        Assert.Equal([2.5f, 5f], table.Column("b"));
        Assert.Equal([-0.03f, 6f], table.Column("c"));
        Assert.Null(table.Labels);
        Assert.Null(table.ClassNames);
    }

    [Fact]
    public void Numbers_are_read_the_same_under_a_culture_with_a_decimal_comma()
    {
        var path = folder.Write("plain.csv", "a,b\n1.5,\"2,5\"\n");
        var culture = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            Assert.Equal([1.5f], CsvTable.Read(path, "b").Column("a"));
            // Under de-DE "2,5" would be 2.5; invariant parsing refuses it instead of guessing.
            Assert.Throws<DataInputException>(() => CsvTable.Read(path));
        }
        finally
        {
            CultureInfo.CurrentCulture = culture;
        }
    }

    [Fact]
    public void Quoted_fields_CRLF_line_ends_blank_lines_and_a_byte_order_mark_are_understood()
    {
        var path = folder.Write("quoted.csv", "\uFEFF\"x\",\"the \"\"label\"\"\"\r\n\"1.5\",\"one, two\"\r\n\r\n2,\"multi\nline\"\r\n");

        var table = CsvTable.Read(path, "the \"label\"");

        Assert.Equal(["x"], table.FeatureNames);
        Assert.Equal([1.5f, 2f], table.Column("x"));
        Assert.Equal(["one, two", "multi\nline"], table.ClassNames);
        Assert.Equal([0L, 1L], table.Labels);
    }

    [Fact]
    public void Non_negative_integer_labels_are_the_class_indices()
    {
        var path = folder.Write("digits.csv", "p0,p1,digit\n0,1,7\n1,0,3\n0,0,7\n");

        var table = CsvTable.Read(path, "digit");

        Assert.Equal(["p0", "p1"], table.FeatureNames);
        Assert.Equal([7L, 3L, 7L], table.Labels);
        Assert.Null(table.ClassNames);
    }

    [Fact]
    public void Text_labels_become_classes_in_order_of_first_appearance()
    {
        var path = folder.Write("iris.csv", "species,width\nsetosa,1\nvirginica,2\nsetosa,3\nversicolor,4\n");

        var table = CsvTable.Read(path, "species");

        Assert.Equal(["setosa", "virginica", "versicolor"], table.ClassNames);
        Assert.Equal([0L, 1L, 0L, 2L], table.Labels);
        Assert.Equal(["width"], table.FeatureNames);
    }

    [Fact]
    public void The_feature_and_label_tensors_have_the_tables_shape_and_values()
    {
        var path = folder.Write("t.csv", "a,b,y\n1,2,0\n3,4,1\n5,6,1\n");
        var table = CsvTable.Read(path, "y");

        using var features = table.ToFeatureTensor();
        using var labels = table.ToLabelTensor()!;

        Assert.Equal([3L, 2L], features.shape);
        Assert.Equal([1f, 2f, 3f, 4f, 5f, 6f], features.data<float>().ToArray());
        Assert.Equal([0L, 1L, 1L], labels.data<long>().ToArray());
    }

    public static TheoryData<string, string, string[]> BadFiles => new()
    {
        // name, content, fragments the one-line message must hold (besides the file's path)
        { "empty.csv", "", ["empty", "header"] },
        { "blank.csv", "\n\r\n  \n", ["empty", "header"] },
        { "header-only.csv", "a,b\n", ["no data rows", "add"] },
        { "ragged.csv", "a,b\n1,2\n3\n", ["line 3", "1 field", "2 columns", "give every line 2 comma-separated values"] },
        { "ragged-long.csv", "a,b\r\n1,2\r\n3,4,5\r\n", ["line 3", "3 field", "2 columns"] },
        { "text.csv", "a,b\n1,2\n3,abc\n", ["line 3", "column 'b'", "'abc' is not a number", "decimal point"] },
        { "comma-decimal.csv", "a;b\n1,5;2\n", ["line 2", "2 field", "1 column;", "only commas separate fields"] },
        { "missing.csv", "a,b\n1,\n", ["line 2", "column 'b'", "missing", "fill it in"] },
        { "nan.csv", "a,b\n1,2\nNaN,3\n", ["line 3", "column 'a'", "'NaN'", "finite", "replace"] },
        { "infinity.csv", "a,b\n1,-inf\n", ["line 2", "column 'b'", "'-inf'", "finite"] },
        { "infinity-word.csv", "a,b\n1,Infinity\n", ["line 2", "'Infinity'", "finite"] },
        { "overflow.csv", "a,b\n1,1e39\n", ["line 2", "'1e39'", "float32"] },
        { "duplicate.csv", "a,b,a\n1,2,3\n", ["line 1", "'a' appears twice", "columns 1 and 3", "rename"] },
        { "name-break.csv", "a,\"b\nc\"\n1,2\n", ["line 1", "column 2", "line break"] },
        { "unnamed.csv", "a,,c\n1,2,3\n", ["line 1", "column 2", "no name"] },
        { "unclosed.csv", "a,b\n1,\"2\n3,4\n", ["line 2", "never closed", "closing quote"] },
        { "stray-quote.csv", "a,b\n1,2\"3\n", ["line 2", "quote", "double"] },
        { "after-quote.csv", "a,b\n1,\"2\"3\n", ["line 2", "follows a closing quote"] },
        { "line-after-multiline.csv", "a,b\n\"1\n\",2\nx,3\n", ["line 4", "column 'a'", "'x'"] },
    };

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_file_gives_one_line_naming_the_file_the_place_and_the_fix(string name, string content, string[] fragments)
    {
        var path = folder.Write(name, content);

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path));

        AssertOneLine(error, path, fragments);
    }

    [Fact]
    public void A_label_column_that_does_not_exist_lists_the_columns()
    {
        var path = folder.Write("t.csv", "a,b,Label\n1,2,3\n");

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path, "label"));

        AssertOneLine(error, path, ["no label column 'label'", "'a', 'b', 'Label'", "case-sensitive"]);
    }

    [Fact]
    public void A_missing_label_names_its_line_and_column()
    {
        var path = folder.Write("t.csv", "a,y\n1,cat\n2, \n");

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path, "y"));

        AssertOneLine(error, path, ["line 3", "column 'y'", "label is missing"]);
    }

    [Fact]
    public void A_label_as_the_only_column_is_refused()
    {
        var path = folder.Write("t.csv", "y\n1\n");

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path, "y"));

        AssertOneLine(error, path, ["no numeric feature column", "'y' holds the labels"]);
    }

    [Fact]
    public void A_file_that_does_not_exist_is_named_with_the_folder_paths_start_from()
    {
        var path = Path.Combine(folder.Path, "nowhere.csv");

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path));

        AssertOneLine(error, path, ["does not exist", "check the path"]);
    }

    [Fact]
    public void A_folder_given_as_the_file_is_refused()
    {
        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(folder.Path));

        AssertOneLine(error, folder.Path, ["folder", ".csv"]);
    }

    [Fact]
    public void A_long_bad_value_is_shortened_and_kept_on_one_line()
    {
        var path = folder.Write("t.csv", $"a\n\"{new string('x', 30)}\n{new string('y', 30)}\"\n");

        var error = Assert.Throws<DataInputException>(() => CsvTable.Read(path));

        AssertOneLine(error, path, ["line 2", "…"]);
    }

    [Fact]
    public void Reading_a_bad_file_leaves_it_unchanged()
    {
        const string content = "a,b\n1,oops\n";
        var path = folder.Write("t.csv", content);

        Assert.Throws<DataInputException>(() => CsvTable.Read(path));

        Assert.Equal(content, File.ReadAllText(path));
        Assert.Single(Directory.GetFiles(folder.Path));
    }

    internal static void AssertOneLine(DataInputException error, string path, string[] fragments)
    {
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\r', error.Message);
        Assert.StartsWith(path, error.Message, StringComparison.Ordinal);
        foreach (var fragment in fragments)
        {
            Assert.Contains(fragment, error.Message, StringComparison.Ordinal);
        }
    }
}
