/// Reads JSONPath text (RFC 9535, plus the Goessner forms `[?(...)]` and bare `$..name`) into a ``JSONPathQuery``.
struct JSONPathParser {
    /// The text, as Unicode scalars so that positions are columns.
    private let scalars: [Unicode.Scalar]
    /// The index of the next scalar to read.
    private var index = 0
    /// The current nesting of parentheses and filters, bounded to keep recursion safe.
    private var depth = 0
    private static let maximumDepth = 128

    init(_ text: String) {
        scalars = Array(text.unicodeScalars)
    }

    /// Parses the whole text as one query starting at `$`.
    /// RFC 9535 allows no blank before the `$` or after the last segment.
    mutating func parseQuery() throws(JSONPathError) -> JSONPathQuery {
        guard peek() == "$" else {
            throw error(atEnd ? "empty query, expected '$'" : "a query must start with '$'")
        }
        let query = try parsePath()
        if !atEnd {
            let blankStart = index
            skipBlank()
            if atEnd { throw error("blank space after the query is not allowed", at: blankStart) }
            throw error("unexpected '\(scalars[index])'")
        }
        return query
    }

    // MARK: - Queries and segments

    /// Parses `$` or `@` followed by segments.
    private mutating func parsePath() throws(JSONPathError) -> JSONPathQuery {
        let isRelative = scalars[index] == "@"
        index += 1
        var segments: [JSONPathSegment] = []
        while true {
            let beforeBlank = index
            skipBlank()
            guard let scalar = peek() else {
                index = beforeBlank
                break
            }
            if scalar == "." {
                if peek(offset: 1) == "." {
                    index += 2
                    segments.append(.descendant(try parseDescendantSelectors()))
                } else {
                    index += 1
                    segments.append(.child([try parseDotSelector()]))
                }
            } else if scalar == "[" {
                segments.append(.child(try parseBracket()))
            } else {
                index = beforeBlank
                break
            }
        }
        return JSONPathQuery(isRelative: isRelative, segments: segments)
    }

    private mutating func parseDescendantSelectors() throws(JSONPathError) -> [JSONPathSelector] {
        switch peek() {
        case "[": return try parseBracket()
        case "*": index += 1; return [.wildcard]
        case let scalar? where Self.isNameFirst(scalar): return [.name(parseName())]
        case let scalar?: throw error("expected a name, '*' or '[' after '..', found '\(scalar)'")
        case nil: throw error("expected a name, '*' or '[' after '..'")
        }
    }

    private mutating func parseDotSelector() throws(JSONPathError) -> JSONPathSelector {
        switch peek() {
        case "*": index += 1; return .wildcard
        case let scalar? where Self.isNameFirst(scalar): return .name(parseName())
        case let scalar?: throw error("expected a name or '*' after '.', found '\(scalar)'")
        case nil: throw error("expected a name or '*' after '.'")
        }
    }

    private mutating func parseName() -> String {
        var name = String.UnicodeScalarView()
        while let scalar = peek(), Self.isNameChar(scalar) {
            name.append(scalar)
            index += 1
        }
        return String(name)
    }

    private static func isNameFirst(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || scalar == "_" || scalar.value >= 0x80
    }

    private static func isNameChar(_ scalar: Unicode.Scalar) -> Bool {
        isNameFirst(scalar) || ("0"..."9").contains(scalar)
    }

    // MARK: - Bracketed selectors

    private mutating func parseBracket() throws(JSONPathError) -> [JSONPathSelector] {
        index += 1
        var selectors: [JSONPathSelector] = []
        while true {
            skipBlank()
            selectors.append(try parseSelector())
            skipBlank()
            switch peek() {
            case ",": index += 1
            case "]": index += 1; return selectors
            case let scalar?: throw error("expected ',' or ']' after selector, found '\(scalar)'")
            case nil: throw error("expected ']' to close '['")
            }
        }
    }

    private mutating func parseSelector() throws(JSONPathError) -> JSONPathSelector {
        switch peek() {
        case "'", "\"": return .name(try parseStringLiteral())
        case "*": index += 1; return .wildcard
        case "?":
            index += 1
            try enter()
            defer { depth -= 1 }
            skipBlank()
            return .filter(try parseOr())
        case let scalar? where scalar == "-" || scalar == ":" || ("0"..."9").contains(scalar):
            return try parseIndexOrSlice()
        case let scalar?: throw error("expected a selector (name, index, slice, '*' or filter), found '\(scalar)'")
        case nil: throw error("expected a selector")
        }
    }

    private mutating func parseIndexOrSlice() throws(JSONPathError) -> JSONPathSelector {
        let start = peek() == ":" ? nil : try parseInteger()
        skipBlank()
        guard peek() == ":" else {
            guard let start else { throw error("expected an index") }
            return .index(start)
        }
        index += 1
        skipBlank()
        let end = peekIsIntegerStart ? try parseInteger() : nil
        skipBlank()
        var step: Int?
        if peek() == ":" {
            index += 1
            skipBlank()
            step = peekIsIntegerStart ? try parseInteger() : nil
        }
        return .slice(start: start, end: end, step: step)
    }

    private var peekIsIntegerStart: Bool {
        guard let scalar = peek() else { return false }
        return scalar == "-" || ("0"..."9").contains(scalar)
    }

    /// An RFC 9535 integer: `0` or an optional `-` and digits without a leading zero, within ±(2^53−1).
    private mutating func parseInteger() throws(JSONPathError) -> Int {
        let start = index
        var text = ""
        if peek() == "-" { text = "-"; index += 1 }
        guard let first = peek(), ("0"..."9").contains(first) else { throw error("expected digits") }
        while let scalar = peek(), ("0"..."9").contains(scalar) {
            text.unicodeScalars.append(scalar)
            index += 1
        }
        if text == "-0" || (text.count > 1 && text.hasPrefix("0")) || text.hasPrefix("-0") {
            throw error("leading zeros or -0 are not allowed in an index", at: start)
        }
        guard let value = Int(text), abs(value) <= 9_007_199_254_740_991 else {
            throw error("index \(text) is out of range", at: start)
        }
        return value
    }

    /// A string in single or double quotes, with JSON-style escapes (and `\'` inside single quotes).
    private mutating func parseStringLiteral() throws(JSONPathError) -> String {
        let start = index
        let quote = scalars[index]
        index += 1
        var result = String.UnicodeScalarView()
        while true {
            guard let scalar = peek() else { throw error("unterminated string", at: start) }
            index += 1
            switch scalar {
            case quote:
                return String(result)
            case "\\":
                guard let escaped = peek() else { throw error("unterminated string", at: start) }
                index += 1
                switch escaped {
                case "b": result.append("\u{08}")
                case "f": result.append("\u{0C}")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "t": result.append("\t")
                case "/": result.append("/")
                case "\\": result.append("\\")
                case "'" where quote == "'", "\"" where quote == "\"": result.append(escaped)
                case "u": result.append(try parseUnicodeEscape())
                default: throw error("invalid escape '\\\(escaped)' in string", at: index - 2)
                }
            case "\u{00}"..."\u{1F}":
                throw error("control characters must be escaped in a string", at: index - 1)
            default:
                result.append(scalar)
            }
        }
    }

    private mutating func parseUnicodeEscape() throws(JSONPathError) -> Unicode.Scalar {
        let escapeStart = index - 2
        var code = try parseHex4()
        if (0xD800..<0xDC00).contains(code) {
            guard peek() == "\\", peek(offset: 1) == "u" else { throw error("unpaired surrogate in \\u escape", at: escapeStart) }
            index += 2
            let low = try parseHex4()
            guard (0xDC00..<0xE000).contains(low) else { throw error("unpaired surrogate in \\u escape", at: escapeStart) }
            code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
        }
        guard let scalar = Unicode.Scalar(code) else { throw error("unpaired surrogate in \\u escape", at: escapeStart) }
        return scalar
    }

    private mutating func parseHex4() throws(JSONPathError) -> UInt32 {
        var value: UInt32 = 0
        for _ in 0..<4 {
            guard let scalar = peek(), scalar.isASCII, let digit = UInt32(String(scalar), radix: 16) else {
                throw error("expected 4 hexadecimal digits in \\u escape")
            }
            value = value << 4 | digit
            index += 1
        }
        return value
    }

    // MARK: - Filters

    private mutating func enter() throws(JSONPathError) {
        depth += 1
        if depth > Self.maximumDepth { throw error("filter nested too deeply") }
    }

    private mutating func parseOr() throws(JSONPathError) -> JSONPathFilter {
        var operands = [try parseAnd()]
        while true {
            skipBlank()
            guard peek() == "|", peek(offset: 1) == "|" else { break }
            index += 2
            skipBlank()
            operands.append(try parseAnd())
        }
        return operands.count == 1 ? operands[0] : .or(operands)
    }

    private mutating func parseAnd() throws(JSONPathError) -> JSONPathFilter {
        var operands = [try parseBasic()]
        while true {
            skipBlank()
            guard peek() == "&", peek(offset: 1) == "&" else { break }
            index += 2
            skipBlank()
            operands.append(try parseBasic())
        }
        return operands.count == 1 ? operands[0] : .and(operands)
    }

    private mutating func parseBasic() throws(JSONPathError) -> JSONPathFilter {
        skipBlank()
        if peek() == "!", peek(offset: 1) != "=" {
            index += 1
            skipBlank()
            if peek() == "(" { return .not(try parseParenthesized()) }
            let start = index
            let operand = try parseComparable()
            switch operand {
            case .query(let query): return .not(.exists(query))
            case .function(let function) where function.name == .match || function.name == .search: return .not(.function(function))
            default: throw error("'!' must be followed by '(', a query or a match()/search() call", at: start)
            }
        }
        if peek() == "(" { return try parseParenthesized() }
        let start = index
        let left = try parseComparable()
        skipBlank()
        if let comparison = parseOperator() {
            skipBlank()
            let rightStart = index
            let right = try parseComparable()
            try checkComparable(left, at: start)
            try checkComparable(right, at: rightStart)
            return .comparison(left, comparison, right)
        }
        switch left {
        case .query(let query):
            return .exists(query)
        case .function(let function) where function.name == .match || function.name == .search:
            return .function(function)
        case .function(let function):
            throw error("the result of \(function.name.rawValue)() must be compared", at: start)
        case .literal:
            if atEnd { throw error("expected a comparison operator after the literal") }
            throw error("expected a comparison operator after the literal, found '\(scalars[index])'")
        }
    }

    private mutating func parseParenthesized() throws(JSONPathError) -> JSONPathFilter {
        try enter()
        defer { depth -= 1 }
        index += 1
        skipBlank()
        let inner = try parseOr()
        skipBlank()
        guard peek() == ")" else {
            throw error(atEnd ? "expected ')'" : "expected ')', found '\(scalars[index])'")
        }
        index += 1
        return inner
    }

    private func checkComparable(_ comparable: JSONPathComparable, at position: Int) throws(JSONPathError) {
        switch comparable {
        case .query(let query) where !query.isSingular:
            throw error("a comparison needs a singular query (names and indexes only)", at: position)
        case .function(let function) where function.name == .match || function.name == .search:
            throw error("\(function.name.rawValue)() returns a logical value and cannot be compared", at: position)
        default:
            return
        }
    }

    private mutating func parseOperator() -> JSONPathComparisonOperator? {
        let pairs: [(String, JSONPathComparisonOperator)] = [
            ("==", .equal), ("!=", .notEqual), ("<=", .lessOrEqual), (">=", .greaterOrEqual), ("<", .less), (">", .greater),
        ]
        for (text, comparison) in pairs {
            let expected = Array(text.unicodeScalars)
            if index + expected.count <= scalars.count, Array(scalars[index..<index + expected.count]) == expected {
                index += expected.count
                return comparison
            }
        }
        return nil
    }

    /// A literal, a query relative to `@` or `$`, or a function call.
    private mutating func parseComparable() throws(JSONPathError) -> JSONPathComparable {
        guard let scalar = peek() else { throw error("expected a query, a literal or a function call") }
        switch scalar {
        case "@", "$":
            try enter()
            defer { depth -= 1 }
            return .query(try parsePath())
        case "'", "\"":
            return .literal(.string(try parseStringLiteral()))
        case "-", "0"..."9":
            return .literal(try parseNumberLiteral())
        case "a"..."z":
            let start = index
            var word = ""
            while let next = peek(), ("a"..."z").contains(next) || ("0"..."9").contains(next) || next == "_" {
                word.unicodeScalars.append(next)
                index += 1
            }
            switch word {
            case "true": return .literal(true)
            case "false": return .literal(false)
            case "null": return .literal(.null)
            default: break
            }
            guard peek() == "(" else { throw error("unknown word '\(word)'", at: start) }
            guard let name = JSONPathFunction.Name(rawValue: word) else {
                throw error("unknown function '\(word)()'", at: start)
            }
            return .function(try parseArguments(of: name, at: start))
        default:
            throw error("expected a query, a literal or a function call, found '\(scalar)'")
        }
    }

    private mutating func parseArguments(of name: JSONPathFunction.Name, at start: Int) throws(JSONPathError) -> JSONPathFunction {
        try enter()
        defer { depth -= 1 }
        index += 1
        var arguments: [JSONPathComparable] = []
        skipBlank()
        if peek() != ")" {
            while true {
                skipBlank()
                let argumentStart = index
                let argument = try parseComparable()
                if case .function(let inner) = argument, inner.name == .match || inner.name == .search {
                    throw error("\(inner.name.rawValue)() cannot be a function argument", at: argumentStart)
                }
                arguments.append(argument)
                skipBlank()
                if peek() == "," { index += 1; continue }
                guard peek() == ")" else { throw error("expected ',' or ')' in the arguments of \(name.rawValue)()") }
                break
            }
        }
        index += 1
        let expectedCount = (name == .match || name == .search) ? 2 : 1
        guard arguments.count == expectedCount else {
            throw error("\(name.rawValue)() takes \(expectedCount) argument\(expectedCount == 1 ? "" : "s"), got \(arguments.count)", at: start)
        }
        if name == .length || name == .match || name == .search {
            // These take values: a query argument must select at most one node.
            for argument in arguments {
                if case .query(let query) = argument, !query.isSingular {
                    throw error("\(name.rawValue)() takes a value, so its query argument must be singular (names and indexes only)", at: start)
                }
            }
        }
        if name == .count || name == .value {
            guard case .query = arguments[0] else {
                throw error("\(name.rawValue)() takes a query as its argument", at: start)
            }
        }
        return JSONPathFunction(name: name, arguments: arguments)
    }

    private mutating func parseNumberLiteral() throws(JSONPathError) -> JSONValue {
        let start = index
        var text = ""
        func take(_ condition: (Unicode.Scalar) -> Bool) -> Bool {
            var took = false
            while let scalar = peek(), condition(scalar) {
                text.unicodeScalars.append(scalar)
                index += 1
                took = true
            }
            return took
        }
        if peek() == "-" { text = "-"; index += 1 }
        guard take({ ("0"..."9").contains($0) }) else { throw error("expected digits in number") }
        var isIntegral = true
        if peek() == "." {
            isIntegral = false
            text += "."
            index += 1
            guard take({ ("0"..."9").contains($0) }) else { throw error("expected digits after '.'") }
        }
        if peek() == "e" || peek() == "E" {
            isIntegral = false
            text += "e"
            index += 1
            if let sign = peek(), sign == "+" || sign == "-" { text.unicodeScalars.append(sign); index += 1 }
            guard take({ ("0"..."9").contains($0) }) else { throw error("expected digits in exponent") }
        }
        let digits = text.hasPrefix("-") ? text.dropFirst() : Substring(text)
        if digits.count > 1, digits.hasPrefix("0"), digits.dropFirst().first != "." && digits.dropFirst().first != "e" {
            throw error("leading zeros are not allowed in numbers", at: start)
        }
        if isIntegral, let integer = Int64(text) { return .integer(integer) }
        guard let double = Double(text), double.isFinite else { throw error("number \(text) is out of range", at: start) }
        return .double(double)
    }

    // MARK: - Helpers

    private var atEnd: Bool { index >= scalars.count }

    private func peek(offset: Int = 0) -> Unicode.Scalar? {
        index + offset < scalars.count ? scalars[index + offset] : nil
    }

    private mutating func skipBlank() {
        while let scalar = peek(), scalar == " " || scalar == "\t" || scalar == "\n" || scalar == "\r" {
            index += 1
        }
    }

    private func error(_ message: String, at position: Int? = nil) -> JSONPathError {
        JSONPathError(position: (position ?? index) + 1, message: message)
    }
}
