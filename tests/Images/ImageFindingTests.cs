using Autoencoders.Data;
using Autoencoders.Data.Images;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Images;

public sealed class ImageFindingTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public void A_folder_gives_its_image_files_by_ordinal_name_and_skips_everything_else()
    {
        foreach (var name in new[] { "b.png", "a.JPG", "c.jpeg", "B.bmp", "10.png", "9.png", "notes.txt", "scan.tif", "png", ".hidden.png", "sub/inner.png" })
        {
            _folder.Write(name, [1]);
        }

        Directory.CreateDirectory(_folder.File("folder.png")); // a folder with an image's name is not a file

        var found = ImageFiles.Find(_folder.Path);

        // Ordinal: digits before capitals before lower case, "10" before "9"; the content is not looked at.
        Assert.Equal(["10.png", "9.png", "B.bmp", "a.JPG", "b.png", "c.jpeg"], found.Select(Path.GetFileName));
        Assert.All(found, path => Assert.Equal(_folder.Path, Path.GetDirectoryName(path)));
    }

    [Fact]
    public void One_image_file_gives_itself()
    {
        var path = _folder.Write("digit.Jpeg", [1]);

        Assert.Equal([path], ImageFiles.Find(path));
    }

    [Fact]
    public void A_folder_without_image_files_is_refused_naming_it_and_the_extensions()
    {
        _folder.Write("notes.txt", "text");
        _folder.Write("sub/inner.png", [1]);

        var error = Assert.Throws<DataInputException>(() => ImageFiles.Find(_folder.Path));

        Assert.StartsWith($"{_folder.Path}: the folder holds no image files (.png, .jpg, .jpeg, .bmp; subfolders are not searched)", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    [Fact]
    public void A_missing_path_and_a_file_of_another_type_are_refused_naming_them()
    {
        var missing = _folder.File("nothing-here");
        var text = _folder.Write("data.csv", "1,2,3");

        var notFound = Assert.Throws<DataInputException>(() => ImageFiles.Find(missing));
        var notImage = Assert.Throws<DataInputException>(() => ImageFiles.Find(text));

        Assert.StartsWith($"{missing}: no such file or folder;", notFound.Message, StringComparison.Ordinal);
        Assert.StartsWith($"{text}: not an image file by its name;", notImage.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("a.png", true)]
    [InlineData("A.PNG", true)]
    [InlineData("photo.JpG", true)]
    [InlineData("x.jpeg", true)]
    [InlineData("x.bmp", true)]
    [InlineData("x.gif", false)]
    [InlineData("x.png.txt", false)]
    [InlineData("png", false)]
    public void Image_extensions_are_matched_without_regard_to_case(string name, bool isImage)
    {
        Assert.Equal(isImage, ImageFiles.HasImageExtension(name));
    }
}
