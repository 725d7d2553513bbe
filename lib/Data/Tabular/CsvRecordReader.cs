using System.Text;

namespace Autoencoders.Data.Tabular;

/// <summary>One record of a CSV file: its fields and the 1-based line on which it starts.</summary>
internal readonly record struct CsvRecord(int Line, string[] Fields);

/// <summary>
/// Splits comma-separated text into records (RFC 4180): fields may be quoted, a quoted field may hold commas,
/// doubled quotes and line breaks, and lines may end in LF or CRLF. Blank lines are skipped.
/// </summary>
internal sealed class CsvRecordReader(TextReader reader, string path)
{
    private readonly StringBuilder field = new();
    private int line = 1;

    /// <summary>Reads every record; a quoting mistake is a <see cref="DataInputException"/>.</summary>
    public IEnumerable<CsvRecord> ReadAll()
    {
        while (Next() is { } record)
        {
            yield return record;
        }
    }

    private CsvRecord? Next()
    {
        while (true)
        {
            if (reader.Peek() < 0)
            {
                return null;
            }

            var start = line;
            var fields = new List<string>();
            var quotedAny = false;
            bool endOfRecord;
            do
            {
                endOfRecord = ReadField(start, out var quoted);
                quotedAny |= quoted;
                fields.Add(field.ToString());
            }
            while (!endOfRecord);

            // A line with nothing on it is a blank line, not a record with one empty field.
            if (fields.Count == 1 && !quotedAny && string.IsNullOrWhiteSpace(fields[0]))
            {
                continue;
            }

            return new CsvRecord(start, [.. fields]);
        }
    }

    /// <summary>Reads one field into <see cref="field"/>; returns true when it ended its record.</summary>
    private bool ReadField(int recordLine, out bool quoted)
    {
        field.Clear();
        quoted = false;
        while (reader.Peek() is ' ' or '\t')
        {
            field.Append((char)reader.Read());
        }

        if (reader.Peek() == '"')
        {
            quoted = true;
            field.Clear();
            reader.Read();
            ReadQuoted(recordLine);
            while (reader.Peek() is ' ' or '\t')
            {
                reader.Read();
            }
        }

        while (true)
        {
            var next = reader.Read();
            switch (next)
            {
                case -1:
                    return true;
                case ',':
                    return false;
                case '\r' when reader.Peek() == '\n':
                    reader.Read();
                    line++;
                    return true;
                case '\n':
                    line++;
                    return true;
                case '"':
                    throw new DataInputException(
                        $"{path}: line {recordLine}: a quote appears inside a field that does not start with one; " +
                        "put the whole field in quotes and double the inner quote (\"say \"\"hi\"\"\")");
                default:
                    if (quoted)
                    {
                        throw new DataInputException(
                            $"{path}: line {recordLine}: text follows a closing quote; " +
                            "put the whole field in quotes and double any quote inside it (\"say \"\"hi\"\"\")");
                    }

                    field.Append((char)next);
                    break;
            }
        }
    }

    private void ReadQuoted(int recordLine)
    {
        while (true)
        {
            var next = reader.Read();
            switch (next)
            {
                case -1:
                    throw new DataInputException(
                        $"{path}: line {recordLine}: a quoted field is never closed; add the closing quote (\") " +
                        "and double any quote inside the field (\"\")");
                case '"' when reader.Peek() == '"':
                    reader.Read();
                    field.Append('"');
                    break;
                case '"':
                    return;
                case '\n':
                    line++;
                    field.Append('\n');
                    break;
                default:
                    field.Append((char)next);
                    break;
            }
        }
    }
}
