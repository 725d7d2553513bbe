using Autoencoders.Data;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Data;

public sealed class RepositoryFilesTests
{
    [Fact]
    public void A_file_is_found_in_the_nearest_folder_above_the_first_start_folder_that_holds_it()
    {
        using var root = new TempFolder();
        var wanted = root.Write("data/x.csv", "a\n"u8.ToArray());
        var deep = Directory.CreateDirectory(root.File("notebooks/apps")).FullName;

        Assert.Equal(wanted, RepositoryFiles.Find("data/x.csv", deep));
    }

    [Fact]
    public void When_the_first_start_folder_has_no_such_file_above_it_the_next_one_is_searched()
    {
        using var elsewhere = new TempFolder();
        using var clone = new TempFolder();
        var wanted = clone.Write("data/x.csv", "a\n"u8.ToArray());

        Assert.Equal(wanted, RepositoryFiles.Find("data/x.csv", elsewhere.Path, null, clone.Path));
    }

    [Fact]
    public void A_missing_file_is_one_line_naming_the_path_and_the_folders_searched()
    {
        using var folder = new TempFolder();

        var error = Assert.Throws<DataInputException>(() => RepositoryFiles.Find("data/missing-file.csv", folder.Path));

        Assert.Contains("data/missing-file.csv", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder.Path, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void The_repositorys_own_data_file_is_found_from_the_current_folder()
    {
        Assert.Equal(Path.Combine(RepositoryPaths.Root, "data", "odds", "cardio.csv"), RepositoryFiles.Find("data/odds/cardio.csv", RepositoryPaths.Root));
    }
}
