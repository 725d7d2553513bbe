using System.Text.Json;
using Autoencoders.Data;

namespace Autoencoders.Evaluation.Nab;

/// <summary>Reads NAB's JSON files with one-line errors that name the file.</summary>
internal static class NabJson
{
    public static JsonDocument Parse(string path)
    {
        if (!File.Exists(path))
        {
            throw new DataInputException($"{path}: no such file; give NAB's corpus folder (it holds data/, labels/ and config/)");
        }

        try
        {
            var document = JsonDocument.Parse(File.ReadAllText(path));
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                document.Dispose();
                throw new DataInputException($"{path}: is not a JSON object; give the file as NAB writes it");
            }

            return document;
        }
        catch (JsonException error)
        {
            throw new DataInputException($"{path}: is not valid JSON (line {error.LineNumber + 1}: {error.Message.Split('.')[0]}); give the file as NAB writes it");
        }
    }
}
