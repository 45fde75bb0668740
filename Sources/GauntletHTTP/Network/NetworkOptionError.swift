/// A network option (`--resolve`, `--connect-to`, `--cacert`, `--cert`, `--key`, `--proxy`,
/// `--streams-per-connection`) that cannot be used as given: the flag, its value and why, worded
/// for the person who typed it.
public struct NetworkOptionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The flag, with its dashes (`--resolve`).
    public var flag: String
    /// The value as given (a path or an entry; never a file's contents).
    public var value: String
    /// Why it cannot be used, and what would.
    public var reason: String

    /// Creates the error.
    /// - Parameters:
    ///   - flag: The flag, with its dashes.
    ///   - value: The value as given.
    ///   - reason: Why it cannot be used.
    public init(flag: String, value: String, reason: String) {
        self.flag = flag
        self.value = value
        self.reason = reason
    }

    /// `--resolve 'api.test:443': expected host:port:address, as in 'api.test:443:127.0.0.1'`.
    public var description: String { "\(flag) '\(value)': \(reason)" }
}
