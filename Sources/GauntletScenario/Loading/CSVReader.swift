/// Reads CSV text as RFC 4180 describes it: comma-separated fields, fields in double quotes may
/// hold commas, line breaks and doubled quotes (`""`), lines end in CRLF or LF.
///
/// Each record keeps the line it starts on and each field the line and column it starts at,
/// so that a mistake is reported where it is. Blank lines (also at the end) hold no record.
struct CSVReader {
    /// One field: its text and where it starts (1-based line and column, in Unicode scalars).
    struct Field {
        var text: String
        var line: Int
        var column: Int
    }

    /// A mistake in the text, at its 1-based line and column.
    struct Problem: Error {
        var message: String
        var line: Int
        var column: Int
    }

    /// The records of `text`, each a list of fields.
    /// - Throws: ``Problem`` for a quote that is never closed, text after a closing quote, or a
    ///   quote inside an unquoted field.
    static func records(of text: String) throws(Problem) -> [[Field]] {
        var scalars = Array(text.unicodeScalars)
        if scalars.first == "\u{FEFF}" { scalars.removeFirst() }  // a byte-order mark
        var records: [[Field]] = []
        var record: [Field] = []
        var index = 0
        var line = 1
        var column = 1
        func advance() {
            if scalars[index] == "\n" {
                line += 1
                column = 1
            } else if scalars[index] != "\r" {
                column += 1
            }
            index += 1
        }
        func atLineEnd() -> Bool { index == scalars.count || scalars[index] == "\n" || scalars[index] == "\r" }
        while index < scalars.count || !record.isEmpty {
            // A blank line holds no record.
            if record.isEmpty, index < scalars.count, scalars[index] == "\n" || scalars[index] == "\r" {
                advance()
                continue
            }
            var field = Field(text: "", line: line, column: column)
            if index < scalars.count, scalars[index] == "\"" {
                let (openLine, openColumn) = (line, column)
                advance()
                var closed = false
                var out = String.UnicodeScalarView()
                while index < scalars.count {
                    if scalars[index] == "\"" {
                        if index + 1 < scalars.count, scalars[index + 1] == "\"" {
                            out.append("\"")
                            advance()
                            advance()
                            continue
                        }
                        advance()
                        closed = true
                        break
                    }
                    out.append(scalars[index])
                    advance()
                }
                guard closed else {
                    throw Problem(message: "the quoted field that starts here is never closed (a '\"' is missing)", line: openLine, column: openColumn)
                }
                guard atLineEnd() || scalars[index] == "," else {
                    throw Problem(
                        message: "unexpected '\(scalars[index])' after a quoted field's closing quote; "
                            + "a quote inside a quoted field is written twice (\"\")", line: line, column: column)
                }
                field.text = String(out)
            } else {
                var out = String.UnicodeScalarView()
                while !atLineEnd(), scalars[index] != "," {
                    if scalars[index] == "\"" {
                        throw Problem(
                            message: "a '\"' inside an unquoted field; quote the whole field and write the quote twice (\"\")",
                            line: line, column: column)
                    }
                    out.append(scalars[index])
                    advance()
                }
                field.text = String(out)
            }
            record.append(field)
            if index < scalars.count, scalars[index] == "," {
                advance()
                if atLineEnd() { record.append(Field(text: "", line: line, column: column)) } else { continue }
            }
            // End of the record: consume one line break (CRLF, LF or CR).
            if index < scalars.count, scalars[index] == "\r" { advance() }
            if index < scalars.count, scalars[index] == "\n" { advance() }
            records.append(record)
            record = []
        }
        return records
    }
}
