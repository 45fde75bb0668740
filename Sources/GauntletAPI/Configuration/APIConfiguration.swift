public import Logging

/// Everything that decides how the Event API is served.
public struct APIConfiguration: Sendable {
    /// The address to listen on.
    public var host: String
    /// The port to listen on; 0 picks any free port.
    public var port: Int
    /// A stage prefix such as `/prod` under which everything is served, or `""`.
    public var basePath: String
    /// Where events are kept.
    public var store: StoreKind
    /// The level of the application and access logs.
    public var logLevel: Logger.Level
    /// Which deployment is served: the reference (the default) or a realistic FastAPI one.
    public var profile: APIProfile
    /// Deliberate contract deviations, for proving that a contract suite catches them.
    public var defects: Set<ContractDefect>
    /// The largest request body accepted, in bytes (1 MiB); larger bodies answer 413.
    public var maximumBodySize: Int
    /// When set, requests are served as by a Lambda function behind API Gateway (cold starts,
    /// throttling, timeouts); nil serves them directly.
    public var lambda: LambdaEmulation?
    /// When set, reads lag writes by this long, as DynamoDB's eventually consistent reads may
    /// (``LaggingReadsEventStore``); nil reads every write at once.
    public var readLag: Duration?

    /// Creates a configuration.
    /// - Parameters:
    ///   - host: The address to listen on.
    ///   - port: The port to listen on; 0 picks any free port.
    ///   - basePath: A stage prefix such as `/prod`, or `""`. A missing leading slash is added
    ///     and a trailing one removed.
    ///   - store: Where events are kept.
    ///   - logLevel: The level of the application and access logs.
    ///   - profile: Which deployment is served; `.reference` unless told otherwise.
    ///   - defects: Deliberate contract deviations (applied to the reference profile only).
    ///   - maximumBodySize: The largest request body accepted, in bytes.
    ///   - lambda: The Lambda emulation, or nil (the default) for none.
    ///   - readLag: How long reads lag writes, or nil (the default) for none.
    public init(
        host: String = "127.0.0.1",
        port: Int = 8000,
        basePath: String = "",
        store: StoreKind = .memory,
        logLevel: Logger.Level = .info,
        profile: APIProfile = .reference,
        defects: Set<ContractDefect> = [],
        maximumBodySize: Int = 1 << 20,
        lambda: LambdaEmulation? = nil,
        readLag: Duration? = nil
    ) {
        self.host = host
        self.port = port
        self.basePath = Self.normalized(basePath: basePath)
        self.store = store
        self.logLevel = logLevel
        self.profile = profile
        self.defects = defects
        self.maximumBodySize = maximumBodySize
        self.lambda = lambda
        self.readLag = readLag
    }

    /// A configuration for tests: loopback, any free port, memory store, quiet logs.
    public static var testing: APIConfiguration {
        APIConfiguration(port: 0, logLevel: .critical)
    }

    /// `prod` → `/prod`, `/prod/` → `/prod`, `/` → `""`.
    static func normalized(basePath: String) -> String {
        var path = basePath
        while path.hasSuffix("/") { path.removeLast() }
        if !path.isEmpty, !path.hasPrefix("/") { path = "/" + path }
        return path
    }
}
