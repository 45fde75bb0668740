import Foundation
import Yams

/// A load file (YAML): the plan, plus the run settings that are not part of the plan.
///
/// See `Scenarios/load/README.md` for the format. Unknown keys are errors, and every error
/// points at `file:line:col`.
public struct LoadFile: Sendable {
    /// The file's path, as given.
    public var path: String
    /// The plan it describes.
    public var plan: LoadPlan
    /// The base URL, if the file names one (the command line wins).
    public var baseURL: String?
    /// The per-request time limit, if the file sets one.
    public var timeout: Duration?

    /// Creates a load file value.
    public init(path: String, plan: LoadPlan, baseURL: String? = nil, timeout: Duration? = nil) {
        self.path = path
        self.plan = plan
        self.baseURL = baseURL
        self.timeout = timeout
    }

    /// Reads and checks a load file.
    /// - Throws: `LoadFileError` (`file:line:col: error: message`) for unreadable or malformed input.
    public static func load(contentsOf path: String) throws(LoadFileError) -> LoadFile {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw LoadFileError(file: path, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)")
        }
        return try parse(yaml: text, path: path)
    }

    /// Parses load-file text.
    /// - Parameters:
    ///   - yaml: The file's content.
    ///   - path: The name errors point at.
    /// - Throws: `LoadFileError` for malformed input.
    public static func parse(yaml: String, path: String) throws(LoadFileError) -> LoadFile {
        let reader = YAMLNodeReader(file: path)
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else {
                throw LoadFileError(file: path, line: 1, column: 1, message: "the file is empty")
            }
            root = node
        } catch let error as LoadFileError {
            throw error
        } catch let error as YamlError {
            throw Self.diagnostic(error, path: path)
        } catch {
            throw LoadFileError(file: path, line: 1, column: 1, message: "\(error)")
        }
        return try LoadFileParser(reader: reader, path: path).parse(root)
    }

    static func diagnostic(_ error: YamlError, path: String) -> LoadFileError {
        func make(_ mark: Mark, _ problem: String, _ context: YamlError.Context?) -> LoadFileError {
            let prefix = context.map { "\($0.text) " } ?? ""
            return LoadFileError(file: path, line: mark.line, column: mark.column, message: prefix + problem)
        }
        switch error {
        case let .scanner(context, problem, mark, _), let .parser(context, problem, mark, _),
            let .composer(context, problem, mark, _):
            return make(mark, problem, context)
        case let .duplicatedKeysInMapping(duplicates, context):
            let names = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return LoadFileError(
                file: path, line: context.mark.line, column: context.mark.column, message: "duplicate key \(names)")
        case let .reader(problem, offset, _, _):
            return LoadFileError(file: path, line: 1, column: 1, message: "\(problem) at byte \(offset ?? 0)")
        default:
            return LoadFileError(file: path, line: 1, column: 1, message: "\(error)")
        }
    }
}
