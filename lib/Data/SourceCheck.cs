namespace Autoencoders.Data;

/// <summary>
/// Whether the data file a checkpoint names is still the file it was trained on: its recipe records the file's
/// SHA-256, and an evaluation of an edited file (or of another file that an edited <c>recipe.sourcePath</c> points to)
/// would report on a different split without a word.
/// </summary>
public static class SourceCheck
{
    /// <summary>
    /// Throws a one-line <see cref="DataInputException"/> when the file <paramref name="recipe"/> would be read from (its
    /// own source, or <paramref name="source"/> when that names the same file) no longer has its recorded SHA-256.
    /// Other data given on purpose (<paramref name="source"/> naming another file or data set) are not checked.
    /// </summary>
    /// <param name="recipe">The checkpoint's recipe.</param>
    /// <param name="source">The data asked for instead of the recipe's own, or null.</param>
    /// <param name="checkpoint">The checkpoint folder, named in the message.</param>
    /// <param name="option">The option that accepts the changed data, named in the message.</param>
    public static void RequireUnchanged(DataRecipe recipe, string? source, string checkpoint, string option)
    {
        ArgumentNullException.ThrowIfNull(recipe);
        if (recipe.SourceSha256 is not { } recorded || recipe.SourcePath is not { } path)
        {
            return;
        }

        if (source is not null && !(File.Exists(source) && Path.GetFullPath(source) == Path.GetFullPath(path)))
        {
            return;
        }

        if (File.Exists(path) && DataRecipe.Sha256Of(path) != recorded)
        {
            throw new DataInputException(
                $"{path} changed since {checkpoint} was trained on it (its SHA-256 is not the one recorded): evaluate on the original file, or add {option} to use the file as it is now.");
        }
    }
}
