/// Where the API keeps its events.
public enum StoreKind: Sendable, Equatable, CustomStringConvertible {
    /// In memory; lost when the process ends.
    case memory
    /// In an SQLite database file (WAL, `synchronous=NORMAL`), created if missing.
    case sqlite(path: String)

    /// Parses the `--store` syntax: `memory` or `sqlite:PATH`.
    public init?(argument: String) {
        if argument == "memory" {
            self = .memory
        } else if argument.hasPrefix("sqlite:"), argument.count > "sqlite:".count {
            self = .sqlite(path: String(argument.dropFirst("sqlite:".count)))
        } else {
            return nil
        }
    }

    /// The `--store` syntax.
    public var description: String {
        switch self {
        case .memory: "memory"
        case .sqlite(let path): "sqlite:\(path)"
        }
    }
}
