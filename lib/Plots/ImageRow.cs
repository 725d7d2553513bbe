namespace Autoencoders.Plots;

/// <summary>One labelled row of an image grid: grayscale images of equal size, each flattened row by row.</summary>
/// <param name="Label">Shown at the row's left (for example "original" or "reconstruction").</param>
/// <param name="Images">The images, each of length height × width, values typically in [0, 1].</param>
/// <param name="Captions">Optional hover caption per image (for example the label or the interpolation weight).</param>
internal sealed record ImageRow(string Label, IReadOnlyList<float[]> Images, IReadOnlyList<string>? Captions = null);
