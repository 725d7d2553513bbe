using System.Reflection;
using System.Runtime.Loader;
using Autoencoders.Data.Images;
using Autoencoders.Tests.Support;

namespace Autoencoders.Tests.Images;

/// <summary>
/// The notebooks load Autoencoders.dll by path without SkiaSharp. These tests load a second copy of the library
/// in a context where SkiaSharp cannot be found, to show that the library works until an image is decoded.
/// </summary>
[Collection(ProcessWideStateGroup.Name)]
public sealed class SkiaLoadingTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly WithoutSkia _context = new();
    private readonly Assembly _library;

    public SkiaLoadingTests()
    {
        _library = _context.LoadFromAssemblyPath(typeof(ImageFiles).Assembly.Location);
    }

    public void Dispose()
    {
        _context.Unload();
        _folder.Dispose();
    }

    [Fact]
    public void Loading_the_library_and_all_its_types_and_finding_image_files_do_not_need_SkiaSharp()
    {
        var path = _folder.Write("digit.png", TestImages.GrayPng([1, 2, 3, 4], 2, 2));
        var imageFiles = _library.GetType(typeof(ImageFiles).FullName!, throwOnError: true)!;

        Assert.NotEmpty(_library.GetTypes());
        var found = imageFiles.GetMethod(nameof(ImageFiles.Find))!.Invoke(null, [_folder.Path]);
        var extension = imageFiles.GetMethod(nameof(ImageFiles.HasImageExtension))!.Invoke(null, [path]);

        Assert.Equal([path], (IReadOnlyList<string>)found!);
        Assert.Equal(true, extension);
        Assert.DoesNotContain(_context.Assemblies, assembly => assembly.GetName().Name == "SkiaSharp");
    }

    [Fact]
    public void Decoding_an_image_is_what_needs_SkiaSharp_and_without_it_the_error_says_how_to_get_it()
    {
        // The other half of the check above: the context really keeps SkiaSharp out, so the test above can fail.
        var path = _folder.Write("digit.png", TestImages.GrayPng([1, 2, 3, 4], 2, 2));
        var imageFiles = _library.GetType(typeof(ImageFiles).FullName!, throwOnError: true)!;

        TargetInvocationException error;
        using (SuspendProcessWideResolvers())
        {
            error = Assert.Throws<TargetInvocationException>(() => imageFiles.GetMethod(nameof(ImageFiles.ReadGrayscale))!.Invoke(null, [path, 2, 2]));
        }

        // One line that names the version and how a notebook gets it, not a bare FileNotFoundException.
        var unusable = Assert.IsType<InvalidOperationException>(error.InnerException);
        Assert.StartsWith("SkiaSharp, which reads and writes images, cannot be used here (FileNotFoundException: ", unusable.Message, StringComparison.Ordinal);
        Assert.Contains($"#r \"nuget: SkiaSharp.NativeAssets.Linux.NoDependencies, {ImageFiles.SkiaSharpVersion}\"", unusable.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', unusable.Message);
        Assert.IsAssignableFrom<FileNotFoundException>(unusable.InnerException);
    }

    // The test host answers AppDomain.AssemblyResolve for any assembly in the test folder (xunit's AssemblyHelper and
    // the runtime's LoadFrom handler), after a context's own Load has refused it: a notebook kernel has no such
    // fallback. Those handlers are set aside while the library copy looks for SkiaSharp, and put back after.
    private static Restorer SuspendProcessWideResolvers()
    {
        var field = typeof(AssemblyLoadContext).GetField("AssemblyResolve", BindingFlags.NonPublic | BindingFlags.Static);
        Assert.NotNull(field); // if the runtime renames it, this test must be rewritten, not silently pass
        var handlers = field.GetValue(null);
        field.SetValue(null, null);
        return new Restorer(() => field.SetValue(null, handlers));
    }

    private sealed class Restorer(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    private sealed class WithoutSkia() : AssemblyLoadContext(nameof(WithoutSkia), isCollectible: true)
    {
        // Everything else (TorchSharp, FSharp.Core, ...) comes from the test's own context.
        protected override Assembly? Load(AssemblyName assemblyName) =>
            assemblyName.Name == "SkiaSharp"
                ? throw new FileNotFoundException($"{assemblyName.Name} is kept out of this context", assemblyName.Name)
                : null;
    }
}

/// <summary>Tests that change process-wide state for a moment run alone, with no other test beside them.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessWideStateGroup
{
    public const string Name = "process-wide state";
}
