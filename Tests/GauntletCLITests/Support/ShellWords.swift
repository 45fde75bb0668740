/// A documented command line split into arguments as a POSIX shell would: single quotes keep
/// text as is, double quotes and bare words expand `$NAME` and `${NAME}` from a table, a
/// backslash escapes the next character, `#` at the start of a word begins a comment, and an
/// unquoted `&`, `;` or `|` ends the command.
enum ShellWords {
    /// A line the splitter cannot read as the README means it.
    struct Problem: Error, CustomStringConvertible {
        var description: String
    }

    /// The words of the first command on `line`.
    /// - Throws: ``Problem`` for an unterminated quote or a variable the table does not have.
    static func split(_ line: String, variables: [String: String]) throws(Problem) -> [String] {
        var words: [String] = []
        var word = ""
        var inWord = false
        var characters = Array(line)[...]

        func expand(_ characters: inout ArraySlice<Character>) throws(Problem) -> String {
            // `characters` starts after the `$`.
            var name = ""
            if characters.first == "{" {
                characters.removeFirst()
                while let next = characters.first, next != "}" { name.append(characters.removeFirst()) }
                guard characters.first == "}" else { throw Problem(description: "unterminated ${ in '\(line)'") }
                characters.removeFirst()
            } else {
                while let next = characters.first, next.isLetter || next.isNumber || next == "_" {
                    name.append(characters.removeFirst())
                }
            }
            guard !name.isEmpty else { return "$" }
            guard let value = variables[name] else {
                throw Problem(description: "the example uses $\(name); give it a value in the test's variables")
            }
            return value
        }

        loop: while let character = characters.first {
            characters.removeFirst()
            switch character {
            case " ", "\t":
                if inWord { words.append(word) }
                word = ""
                inWord = false
            case "#" where !inWord:
                break loop
            case "&", ";", "|":
                break loop
            case "\\":
                if let next = characters.first {
                    word.append(next)
                    characters.removeFirst()
                }
                inWord = true
            case "'":
                inWord = true
                while let next = characters.first, next != "'" { word.append(characters.removeFirst()) }
                guard characters.first == "'" else { throw Problem(description: "unterminated ' in '\(line)'") }
                characters.removeFirst()
            case "\"":
                inWord = true
                while let next = characters.first, next != "\"" {
                    characters.removeFirst()
                    word += next == "$" ? try expand(&characters) : String(next)
                }
                guard characters.first == "\"" else { throw Problem(description: "unterminated \" in '\(line)'") }
                characters.removeFirst()
            case "$":
                inWord = true
                word += try expand(&characters)
            default:
                inWord = true
                word.append(character)
            }
        }
        if inWord { words.append(word) }
        return words
    }

    /// The arguments after `gauntlet` when `words` run it (`gauntlet`, a path ending in
    /// `/gauntlet`, or `swift run gauntlet`, after any `NAME=value` words); nil for any other command.
    static func gauntletArguments(_ words: [String]) -> [String]? {
        // `NAME=value` words before the command set its environment; they are not the command.
        let words = Array(words.drop { word in
            guard let equals = word.firstIndex(of: "="), equals > word.startIndex else { return false }
            return word[..<equals].allSatisfy { $0.isLetter || $0.isNumber || $0 == "_" }
        })
        guard let first = words.first else { return nil }
        if first == "gauntlet" || first.hasSuffix("/gauntlet") { return Array(words.dropFirst()) }
        if words.count >= 3, words[0] == "swift", words[1] == "run", words[2] == "gauntlet" { return Array(words.dropFirst(3)) }
        return nil
    }
}
