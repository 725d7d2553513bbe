namespace Autoencoders.Data.Idx;

/// <summary>
/// Finds the IDX files in a folder by the usual MNIST names: <c>train-images-idx3-ubyte[.gz]</c>,
/// <c>train-labels-idx1-ubyte[.gz]</c>, <c>t10k-images-idx3-ubyte[.gz]</c>, <c>t10k-labels-idx1-ubyte[.gz]</c>.
/// Any name ending in <c>idx3-ubyte</c> (images) or <c>idx1-ubyte</c> (labels) counts; a name starting with
/// <c>train</c> is training data, one starting with <c>t10k</c> or <c>test</c> is test data.
/// </summary>
internal static class IdxFolder
{
    private const string ExpectedNames = "train-images-idx3-ubyte.gz and t10k-images-idx3-ubyte.gz (labels optional: train-labels-idx1-ubyte.gz, t10k-labels-idx1-ubyte.gz; .gz optional)";

    private enum Role
    {
        Train,
        Test,
        Unknown,
    }

    public static IdxFileSet Find(string folder)
    {
        var fullPath = Path.GetFullPath(folder);
        if (!Directory.Exists(fullPath))
        {
            throw new DataInputException($"{fullPath}: folder not found; pass a folder holding {ExpectedNames}.");
        }

        var files = Directory.EnumerateFiles(fullPath).Select(path => (Path: path, Name: StripGz(Path.GetFileName(path)))).ToList();
        var images = files.Where(file => file.Name.EndsWith("idx3-ubyte", StringComparison.OrdinalIgnoreCase)).ToList();
        var labels = files.Where(file => file.Name.EndsWith("idx1-ubyte", StringComparison.OrdinalIgnoreCase)).ToList();
        if (images.Count == 0)
        {
            throw new DataInputException($"{fullPath}: no IDX image files in this folder; put {ExpectedNames} there, or pass another folder.");
        }

        if (images.Count == 1)
        {
            var role = RoleOf(images[0].Name);
            var label = labels.Count == 1 ? labels[0].Path : Single(fullPath, labels, role, "labels");
            return new IdxFileSet(IdxSource.FromFile(images[0].Path), Optional(label), null, null);
        }

        var trainImages = Single(fullPath, images, Role.Train, "images");
        var testImages = Single(fullPath, images, Role.Test, "images");
        if (trainImages is null || testImages is null || images.Count > 2)
        {
            throw new DataInputException(
                $"{fullPath}: found {images.Count} IDX image files ({string.Join(", ", images.Select(file => Path.GetFileName(file.Path)))}) " +
                "and cannot tell training from test data; keep one named train-images-idx3-ubyte[.gz] and one named t10k-images-idx3-ubyte[.gz].");
        }

        var trainLabels = Single(fullPath, labels, Role.Train, "labels");
        var testLabels = Single(fullPath, labels, Role.Test, "labels");
        if ((trainLabels is null) != (testLabels is null))
        {
            var (present, missing) = trainLabels is null ? (testLabels, "train") : (trainLabels, "t10k");
            throw new DataInputException(
                $"{fullPath}: has labels for only one split ({Path.GetFileName(present)}); add {missing}-labels-idx1-ubyte.gz, or remove the labels file to load the images unlabelled.");
        }

        return new IdxFileSet(IdxSource.FromFile(trainImages), Optional(trainLabels), IdxSource.FromFile(testImages), Optional(testLabels));
    }

    private static string? Single(string folder, List<(string Path, string Name)> files, Role role, string kind)
    {
        var matches = files.Where(file => RoleOf(file.Name) == role).ToList();
        return matches.Count switch
        {
            0 => null,
            1 => matches[0].Path,
            _ => throw new DataInputException(
                $"{folder}: holds {matches.Count} {role.ToString().ToLowerInvariant()} {kind} files ({string.Join(", ", matches.Select(file => Path.GetFileName(file.Path)))}); keep only one."),
        };
    }

    private static IdxSource? Optional(string? path) => path is null ? null : IdxSource.FromFile(path);

    private static Role RoleOf(string name) =>
        name.StartsWith("train", StringComparison.OrdinalIgnoreCase) ? Role.Train
        : name.StartsWith("t10k", StringComparison.OrdinalIgnoreCase) || name.StartsWith("test", StringComparison.OrdinalIgnoreCase) ? Role.Test
        : Role.Unknown;

    private static string StripGz(string name) =>
        name.EndsWith(".gz", StringComparison.OrdinalIgnoreCase) ? name[..^3] : name;
}
