using System.Text;

namespace Observatory.Testing;

/// <summary>A CSV reader of the tests' own, independent of the product's, so golden-value tests compare against the source file as written.</summary>
public static class TestCsv
{
    /// <summary>Rows by header name, since ELS files do not all put their columns in the same order.</summary>
    public static IEnumerable<Dictionary<string, string>> ReadRows(string path)
    {
        using var records = ReadRecords(File.ReadAllText(path)).GetEnumerator();
        if (!records.MoveNext())
        {
            yield break;
        }
        var header = records.Current;
        while (records.MoveNext())
        {
            yield return header.Select((h, i) => (h, records.Current.ElementAtOrDefault(i) ?? "")).ToDictionary(p => p.h, p => p.Item2);
        }
    }

    /// <summary>
    /// RFC 4180 records (quoted fields may hold commas, quotes and line breaks; CRLF or LF endings). Written
    /// here rather than taken from a library so the test states exactly what "a CSV row" means.
    /// </summary>
    public static IEnumerable<List<string>> ReadRecords(string text)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\r' or '\n')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }
                fields.Add(field.ToString());
                field.Clear();
                yield return fields;
                fields = [];
            }
            else
            {
                field.Append(c);
            }
        }
        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            yield return fields;
        }
    }
}
