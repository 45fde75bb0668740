import Foundation

/// What a fenced code block of a README is, and so how the documentation tests check it.
enum ExampleKind: String, Sendable, CaseIterable {
    /// A whole scenario file: it must load and pass against the reference API.
    case scenarioFile = "scenario-file"
    /// A whole load file: it must load.
    case loadFile = "load-file"
    /// Shell lines: every `gauntlet …` line must parse; a `gauntlet run` line aimed at the
    /// reference API (`http://127.0.0.1:8000`) must also pass against it.
    case commandLines = "command-lines"
    /// Deliberately part of a file (a few keys to show one feature): not checked. Only a marker
    /// says so, never a default, so that a block cannot stop being checked by accident.
    case fragment
}

/// A README whose examples are tested, and what each kind of fenced block in it means.
///
/// A block's kind is its marker, an HTML comment on the line before the fence
/// (`<!-- fragment -->`, `<!-- load-file -->`, any ``ExampleKind`` raw value), else what the
/// document says blocks of its fence language are. A language the document does not list (a
/// plain ``` block of a folder layout, say) is prose, not an example.
struct TestedDocument: Sendable, CustomStringConvertible {
    /// The path from the package root.
    var path: String
    /// What an unmarked block of each fence language is.
    var blockKinds: [String: ExampleKind]
    /// The folder a scenario example is read as if it were a file of, so that its relative
    /// paths (`schema: openapi.json#/…`) resolve as the document means them.
    var scenarioFolder = "Scenarios/contract"

    var description: String { path }

    /// Every tested README.
    static let all: [TestedDocument] = [
        TestedDocument(path: "README.md", blockKinds: ["yaml": .scenarioFile, "sh": .commandLines]),
        TestedDocument(path: "Scenarios/README.md", blockKinds: ["yaml": .scenarioFile, "sh": .commandLines]),
        TestedDocument(path: "Scenarios/load/README.md", blockKinds: ["yaml": .loadFile, "sh": .commandLines]),
    ]

    /// The document's fenced blocks that are examples, with their kinds.
    func examples(root: String = ContractPaths.root) throws -> [FencedBlock] {
        let text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
        return FencedBlock.blocks(in: text, document: path).compactMap { block in
            var block = block
            if let marker = block.marker {
                block.kind = ExampleKind(rawValue: marker)
            } else {
                block.kind = blockKinds[block.language]
            }
            return block.kind == nil && block.marker == nil ? nil : block
        }
    }
}

/// One fenced code block of a Markdown document.
struct FencedBlock: Sendable, CustomStringConvertible {
    /// The document's path, as reported.
    var document: String
    /// The line of the opening fence (1-based).
    var fenceLine: Int
    /// The info string's first word (`yaml`, `sh`), empty for none.
    var language: String
    /// The HTML comment on the line before the fence, trimmed (`fragment`), if any.
    var marker: String?
    /// The block's lines, without the fences.
    var text: String
    /// What the block is, once its document has said.
    var kind: ExampleKind?

    /// The document line of the block's `line`-th line (1-based), for messages.
    func documentLine(_ line: Int) -> Int { fenceLine + line }

    /// `README.md:12`, the opening fence.
    var description: String { "\(document):\(fenceLine)" }

    /// The fenced blocks of `markdown`, in order. A fence is three or more backticks at the start
    /// of a line; the block ends at the next line that is a fence of at least as many.
    static func blocks(in markdown: String, document: String) -> [FencedBlock] {
        let lines = markdown.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var blocks: [FencedBlock] = []
        var index = 0
        var previousNonBlank: String?
        while index < lines.count {
            let line = lines[index]
            let fence = line.prefix { $0 == "`" }
            guard fence.count >= 3 else {
                if !line.trimmingCharacters(in: .whitespaces).isEmpty { previousNonBlank = line }
                index += 1
                continue
            }
            let info = line.dropFirst(fence.count).trimmingCharacters(in: .whitespaces)
            let language = String(info.split(separator: " ").first ?? "")
            var body: [String] = []
            var end = index + 1
            while end < lines.count, !(lines[end].hasPrefix(String(fence)) && lines[end].allSatisfy { $0 == "`" }) {
                body.append(lines[end])
                end += 1
            }
            blocks.append(FencedBlock(
                document: document, fenceLine: index + 1, language: language,
                marker: previousNonBlank.flatMap(Self.marker), text: body.joined(separator: "\n") + "\n"))
            previousNonBlank = nil
            index = end + 1
        }
        return blocks
    }

    /// `fragment` for `<!-- fragment -->`; nil for a line that is not an HTML comment alone.
    static func marker(_ line: String) -> String? {
        let trimmed = line.trimmingCharacters(in: .whitespaces)
        guard trimmed.hasPrefix("<!--"), trimmed.hasSuffix("-->") else { return nil }
        return trimmed.dropFirst(4).dropLast(3).trimmingCharacters(in: .whitespaces)
    }
}
