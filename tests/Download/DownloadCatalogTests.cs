using Autoencoders.Data.Download;

namespace Autoencoders.Tests.Download;

public class DownloadCatalogTests
{
    public static TheoryData<string> CatalogueFiles() => [.. DownloadCatalog.All.Select(item => $"{item.Dataset}/{item.FileName}")];

    [Theory]
    [MemberData(nameof(CatalogueFiles))]
    public void Every_catalogue_item_has_a_web_address_a_sha256_and_a_positive_size(string name)
    {
        var item = DownloadCatalog.All.Single(item => $"{item.Dataset}/{item.FileName}" == name);

        Assert.True(item.Url.Scheme is "http" or "https", $"{item.Url} is not a web address");
        Assert.Matches("^[0-9a-f]{64}$", item.Sha256);
        Assert.True(item.Size > 0);
        Assert.EndsWith("/" + item.FileName, item.Url.AbsolutePath, StringComparison.Ordinal);
    }

    [Fact]
    public void Catalogue_names_and_checksums_are_unique()
    {
        var items = DownloadCatalog.All;

        Assert.Equal(items.Count, items.Select(item => (item.Dataset, item.FileName)).Distinct().Count());
        Assert.Equal(items.Count, items.Select(item => item.Sha256).Distinct().Count());
        Assert.Equal(items.Count, items.Select(item => item.Url).Distinct().Count());
    }

    [Fact]
    public void Each_data_set_has_its_four_idx_files()
    {
        string[] expected = ["t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz"];

        foreach (var name in DownloadCatalog.DatasetNames)
        {
            Assert.Equal(expected, DownloadCatalog.Find(name)!.Select(item => item.FileName).Order(StringComparer.Ordinal));
        }
    }

    [Fact]
    public void Find_ignores_case_and_gives_null_for_an_unknown_data_set()
    {
        Assert.Equal(DownloadCatalog.FashionMnist, DownloadCatalog.Find("Fashion-MNIST"));
        Assert.Null(DownloadCatalog.Find("cifar10"));
    }

    [Theory]
    [InlineData("ftp://example.org/a.gz", "a.gz", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1, "url")]
    [InlineData("https://example.org/a.gz", "a.gz", "0123", 1, "sha256")]
    [InlineData("https://example.org/a.gz", "a.gz", "z123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1, "sha256")]
    [InlineData("https://example.org/a.gz", "../a.gz", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 1, "fileName")]
    [InlineData("https://example.org/a.gz", "a.gz", "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", 0, "size")]
    public void An_item_with_a_bad_value_is_refused_with_the_parameter_name(string url, string fileName, string sha256, long size, string parameter)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => new DownloadItem("set", fileName, new Uri(url), size, sha256));

        Assert.Equal(parameter, error.ParamName);
    }

    [Fact]
    public void The_cache_variable_chooses_the_default_folder()
    {
        var chosen = Path.Combine(Path.GetTempPath(), "chosen-cache");

        Assert.Equal(chosen, CacheFolder.Resolve(name => name == DownloadCache.FolderVariable ? chosen : null));
    }

    [Fact]
    public void Without_the_variable_the_default_folder_is_the_users_cache_folder()
    {
        var folder = CacheFolder.Resolve(name => name switch
        {
            "HOME" => "/home/someone",
            _ => null,
        });

        if (OperatingSystem.IsLinux())
        {
            Assert.Equal("/home/someone/.cache/autoencoders", folder);
            Assert.Equal("/xdg/autoencoders", CacheFolder.Resolve(name => name == "XDG_CACHE_HOME" ? "/xdg" : null));
        }

        Assert.Equal("autoencoders", Path.GetFileName(folder));
    }
}
