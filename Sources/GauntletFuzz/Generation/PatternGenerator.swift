/// Makes strings that match a regular expression of the common kind (`^\d{4}-\d{2}-\d{2}$`,
/// `^[A-Za-z0-9._:-]{1,128}$`): literals, escapes (`\d \w \s \S`), classes with ranges, groups
/// with alternatives, and the quantifiers `? * + {n} {n,m}`. Anything else (lookarounds,
/// back-references) gives `nil`, and the caller falls back to other candidates.
struct PatternGenerator {
    private indirect enum Node {
        case characters([Character])
        case group([[Quantified]])
    }

    private struct Quantified {
        var node: Node
        var minimum: Int
        var maximum: Int
    }

    private let alternatives: [[Quantified]]

    init?(_ pattern: String) {
        var parser = Parser(characters: Array(pattern))
        guard let alternatives = parser.alternatives(), parser.index == parser.characters.count else { return nil }
        self.alternatives = alternatives
    }

    /// A matching string; `short` takes every quantifier's minimum.
    func string(short: Bool, using random: inout SeededGenerator) -> String {
        var output = ""
        Self.emit(alternatives, short: short, into: &output, random: &random)
        return output
    }

    private static func emit(_ alternatives: [[Quantified]], short: Bool, into output: inout String, random: inout SeededGenerator) {
        guard !alternatives.isEmpty else { return }
        let branch = short ? alternatives[0] : alternatives[Int.random(in: 0..<alternatives.count, using: &random)]
        for item in branch {
            let upper = min(item.maximum, item.minimum + 8)
            let count = short ? max(item.minimum, 0) : Int.random(in: item.minimum...max(item.minimum, upper), using: &random)
            for _ in 0..<count {
                switch item.node {
                case .characters(let choices):
                    guard !choices.isEmpty else { continue }
                    output.append(short ? choices[0] : choices[Int.random(in: 0..<choices.count, using: &random)])
                case .group(let inner):
                    emit(inner, short: short, into: &output, random: &random)
                }
            }
        }
    }

    private struct Parser {
        let characters: [Character]
        var index = 0

        static let digits = Array("0123456789")
        static let word = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_")
        static let printable = word + Array(" .-:")

        mutating func alternatives() -> [[Quantified]]? {
            var branches: [[Quantified]] = [[]]
            while index < characters.count {
                let character = characters[index]
                switch character {
                case "|":
                    index += 1
                    branches.append([])
                case ")":
                    return branches
                case "^", "$":
                    index += 1
                default:
                    guard let node = atom(), let quantified = quantifier(node) else { return nil }
                    branches[branches.count - 1].append(quantified)
                }
            }
            return branches
        }

        mutating func atom() -> Node? {
            let character = characters[index]
            index += 1
            switch character {
            case "(":
                if index < characters.count, characters[index] == "?" {
                    guard index + 1 < characters.count, characters[index + 1] == ":" else { return nil }
                    index += 2
                }
                guard let inner = alternatives(), index < characters.count, characters[index] == ")" else { return nil }
                index += 1
                return .group(inner)
            case "[": return characterClass()
            case ".": return .characters(Self.word)
            case "\\": return escape().map { .characters($0) }
            case "*", "+", "?", "{": return nil
            default: return .characters([character])
            }
        }

        mutating func escape() -> [Character]? {
            guard index < characters.count else { return nil }
            let character = characters[index]
            index += 1
            switch character {
            case "d": return Self.digits
            case "w": return Self.word
            case "s": return [" "]
            case "S", "W", "D": return character == "D" ? Array("abcXYZ") : character == "W" ? Array("-. ") : Array("abcXYZ123")
            case "b", "B", "1", "2", "3", "4", "5", "6", "7", "8", "9", "k", "p", "P": return nil
            case "n": return ["\n"]
            case "t": return ["\t"]
            default: return [character]
            }
        }

        mutating func characterClass() -> Node? {
            var negated = false
            if index < characters.count, characters[index] == "^" {
                negated = true
                index += 1
            }
            var members: [Character] = []
            var first = true
            while index < characters.count, characters[index] != "]" || first && !negated && false {
                first = false
                var low: [Character]
                if characters[index] == "\\" {
                    index += 1
                    guard let escaped = escape() else { return nil }
                    low = escaped
                } else {
                    low = [characters[index]]
                    index += 1
                }
                if low.count == 1, index + 1 < characters.count, characters[index] == "-", characters[index + 1] != "]",
                    let start = low[0].unicodeScalars.first?.value {
                    index += 1
                    var high = characters[index]
                    index += 1
                    if high == "\\" {
                        guard index < characters.count else { return nil }
                        high = characters[index]
                        index += 1
                    }
                    guard let end = high.unicodeScalars.first?.value, start <= end, end - start < 5000 else { return nil }
                    members += (start...end).compactMap { Unicode.Scalar($0).map(Character.init) }
                } else {
                    members += low
                }
            }
            guard index < characters.count else { return nil }
            index += 1
            if negated {
                let excluded = Set(members)
                return .characters(Self.printable.filter { !excluded.contains($0) })
            }
            return .characters(members)
        }

        mutating func quantifier(_ node: Node) -> Quantified? {
            guard index < characters.count else { return Quantified(node: node, minimum: 1, maximum: 1) }
            var result: Quantified
            switch characters[index] {
            case "?": index += 1; result = Quantified(node: node, minimum: 0, maximum: 1)
            case "*": index += 1; result = Quantified(node: node, minimum: 0, maximum: 8)
            case "+": index += 1; result = Quantified(node: node, minimum: 1, maximum: 8)
            case "{":
                guard let close = characters[index...].firstIndex(of: "}") else { return nil }
                let parts = String(characters[(index + 1)..<close]).split(separator: ",", omittingEmptySubsequences: false)
                // A count too large to build (`a{1000000000}`) is a pattern it cannot follow.
                guard let low = Int(parts.first ?? ""), low <= SchemaView.largestCount else { return nil }
                let high = parts.count == 1 ? low : (parts[1].isEmpty ? low + 8 : Int(parts[1]) ?? -1)
                guard high >= low, high <= SchemaView.largestCount + 8 else { return nil }
                index = close + 1
                result = Quantified(node: node, minimum: low, maximum: high)
            default: return Quantified(node: node, minimum: 1, maximum: 1)
            }
            if index < characters.count, characters[index] == "?" || characters[index] == "+" { index += 1 }  // lazy/possessive
            return result
        }
    }
}
