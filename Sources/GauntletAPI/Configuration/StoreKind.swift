/// Where the API keeps its events.
public enum StoreKind: Sendable, Equatable, CustomStringConvertible {
    /// In memory; lost when the process ends.
    case memory
    /// In an SQLite database file (WAL, `synchronous=NORMAL`), created if missing.
    case sqlite(path: String)
    /// In a DynamoDB table, reached as the settings (or else the AWS environment) say.
    case dynamoDB(DynamoDBSettings)

    /// Parses the `--store` syntax: `memory`, `sqlite:PATH` or `dynamodb:TABLE` (endpoint, region
    /// and credentials then come from the environment, or from flags the caller applies).
    public init?(argument: String) {
        if argument == "memory" {
            self = .memory
        } else if argument.hasPrefix("sqlite:"), argument.count > "sqlite:".count {
            self = .sqlite(path: String(argument.dropFirst("sqlite:".count)))
        } else if argument.hasPrefix("dynamodb:"), argument.count > "dynamodb:".count {
            self = .dynamoDB(DynamoDBSettings(table: String(argument.dropFirst("dynamodb:".count))))
        } else {
            return nil
        }
    }

    /// The `--store` syntax.
    public var description: String {
        switch self {
        case .memory: "memory"
        case .sqlite(let path): "sqlite:\(path)"
        case .dynamoDB(let settings): "dynamodb:\(settings.table)"
        }
    }
}
