import Foundation

extension DecodingError {
    /// The failure in words a user can act on: which key is missing or which value is wrong, and
    /// where in the document (`'values' is missing at total.latency`), instead of the error's
    /// debug dump. Shared by every reader of Gauntlet's own JSON files (result files, the report index).
    public var explanation: String {
        func place(_ path: [any CodingKey]) -> String {
            let text = path.map { $0.intValue.map { "[\($0)]" } ?? ".\($0.stringValue)" }.joined()
            return text.isEmpty ? "the top level" : String(text.drop { $0 == "." })
        }
        switch self {
        case let .keyNotFound(key, context):
            return "'\(key.stringValue)' is missing at \(place(context.codingPath))"
        case let .typeMismatch(_, context), let .valueNotFound(_, context), let .dataCorrupted(context):
            return "\(context.debugDescription) at \(place(context.codingPath))"
        @unknown default:
            return "\(self)"
        }
    }
}
