namespace Observatory.Content;

/// <summary>
/// Reads CSV (RFC 4180: quoted fields, doubled quotes, newlines inside quotes; CRLF or LF; a leading byte-order
/// mark ignored) record by record, keeping the line each record starts on so that problems can name it. Fields
/// are spans into one buffer — no string per field — because imports read tens of millions of rows.
/// A record longer than <see cref="InputLimits.MaxCsvRecordLength"/> characters (a quote left open runs to the end of
/// the file) or with more than <see cref="InputLimits.MaxCsvFields"/> fields stops the reading: <see cref="Read"/>
/// answers false and <see cref="Problem"/> names the line, so the buffer never grows past twice the limit. A caller
/// reading a person's file adds that problem to the others it reports; one reading a shipped file fails loudly.
/// </summary>
public sealed class CsvRecordReader : IDisposable
{
    private readonly TextReader _reader;
    private char[] _buffer = new char[1 << 16];
    private int _length;
    private int _position;
    private bool _endOfInput;
    private int _nextLine = 1;
    private (int Start, int Length)[] _fields = new (int, int)[32];
    private bool _first = true;

    private readonly string _file;

    /// <param name="file">The name a refused record is reported against.</param>
    public CsvRecordReader(TextReader reader, string file = "")
    {
        _reader = reader;
        _file = file;
    }

    /// <summary>The line (1-based) on which the current record starts.</summary>
    public int Line { get; private set; }

    public int FieldCount { get; private set; }

    /// <summary>Why reading stopped before the end (a record past the limits, at its line); null otherwise.</summary>
    public ContentProblem? Problem { get; private set; }

    public ReadOnlySpan<char> this[int index] => index < FieldCount ? _buffer.AsSpan(_fields[index].Start, _fields[index].Length) : [];

    public string GetString(int index) => index < FieldCount ? new string(this[index]) : "";

    /// <summary>Moves to the next record; false at the end of the input. Blank lines are skipped.</summary>
    public bool Read()
    {
        while (Problem is null)
        {
            if (!FindRecord(out var end, out var newlines))
            {
                return false;
            }
            Line = _nextLine;
            _nextLine += newlines;
            var start = _position;
            _position = end;
            // Step over the line ending.
            var contentEnd = end;
            if (_position < _length && _buffer[_position] == '\r')
            {
                _position++;
            }
            if (_position < _length && _buffer[_position] == '\n')
            {
                _position++;
                _nextLine++;
            }
            if (contentEnd == start)
            {
                continue;
            }
            if (contentEnd - start > InputLimits.MaxCsvRecordLength)
            {
                return TooLong(Line);
            }
            return SplitFields(start, contentEnd);
        }
        return false;
    }

    /// <summary>
    /// Finds the end of the record starting at the current position, reading more input as needed. After a refill
    /// the scan restarts from the record's start: simpler than carrying quote state, and only the partial record
    /// is scanned twice.
    /// </summary>
    private bool FindRecord(out int end, out int newlinesInside)
    {
        while (true)
        {
            var inQuotes = false;
            var needMore = false;
            newlinesInside = 0;
            for (var i = _position; i < _length; i++)
            {
                var c = _buffer[i];
                if (c == '"')
                {
                    inQuotes = !inQuotes;
                }
                else if (c == '\n' || c == '\r')
                {
                    if (inQuotes)
                    {
                        newlinesInside += c == '\n' ? 1 : 0;
                        continue;
                    }
                    // A CR at the end of the buffer may be the first half of CRLF: load the LF first.
                    if (c == '\r' && i + 1 >= _length && !_endOfInput)
                    {
                        needMore = true;
                        break;
                    }
                    end = i;
                    return true;
                }
            }
            if (_endOfInput && !needMore)
            {
                end = _length;
                return _length > _position;
            }
            if (_length - _position > InputLimits.MaxCsvRecordLength + 2)
            {
                // No end within the limit (and its line ending): refuse rather than read on, perhaps to the end of the file.
                end = _position;
                return TooLong(_nextLine);
            }
            Fill();
        }
    }

    /// <summary>Moves the unread part to the front of the buffer (growing it for a long record) and reads more.</summary>
    private void Fill()
    {
        var remaining = _length - _position;
        if (_position > 0)
        {
            Array.Copy(_buffer, _position, _buffer, 0, remaining);
        }
        else if (remaining == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }
        _position = 0;
        _length = remaining;
        var read = _reader.Read(_buffer, _length, _buffer.Length - _length);
        if (read == 0)
        {
            _endOfInput = true;
        }
        _length += read;
        if (_first && _length > 0)
        {
            _first = false;
            if (_buffer[0] == '\uFEFF')
            {
                _position = 1;
            }
        }
    }

    private bool SplitFields(int start, int end)
    {
        var count = 0;
        var i = start;
        while (true)
        {
            if (count == InputLimits.MaxCsvFields)
            {
                return Stop(Line, $"the record has more than {InputLimits.MaxCsvFields.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} fields, the most one record may have");
            }
            if (count == _fields.Length)
            {
                Array.Resize(ref _fields, count * 2);
            }
            int next;
            if (i < end && _buffer[i] == '"')
            {
                // Quoted: unescape doubled quotes in place (the text only gets shorter, so writing never overtakes reading).
                var fieldStart = i + 1;
                var write = fieldStart;
                var read = fieldStart;
                while (read < end)
                {
                    var c = _buffer[read];
                    if (c == '"')
                    {
                        if (read + 1 < end && _buffer[read + 1] == '"')
                        {
                            _buffer[write++] = '"';
                            read += 2;
                            continue;
                        }
                        read++;
                        break;
                    }
                    _buffer[write++] = c;
                    read++;
                }
                _fields[count++] = (fieldStart, write - fieldStart);
                // Anything between the closing quote and the comma is dropped, as spreadsheets do.
                var comma = read < end ? _buffer.AsSpan(read, end - read).IndexOf(',') : -1;
                next = comma < 0 ? -1 : read + comma + 1;
            }
            else
            {
                var comma = _buffer.AsSpan(i, end - i).IndexOf(',');
                _fields[count++] = (i, comma < 0 ? end - i : comma);
                next = comma < 0 ? -1 : i + comma + 1;
            }
            if (next < 0)
            {
                break;
            }
            i = next;
        }
        FieldCount = count;
        return true;
    }

    private bool TooLong(int line) =>
        Stop(line, $"the record starting on this line is longer than {InputLimits.MaxCsvRecordLength.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} characters, the most one record may be (is a quote left open?)");

    /// <summary>Stops reading with a problem at <paramref name="line"/>; false, for <see cref="Read"/> to answer.</summary>
    private bool Stop(int line, string message)
    {
        Problem = new ContentProblem(_file, line, 0, "", message);
        FieldCount = 0;
        return false;
    }

    public void Dispose() => _reader.Dispose();
}
