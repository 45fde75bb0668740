/// One request of a load plan: method, path relative to the base URL, headers, body and the
/// statuses it expects. Its `name` labels its histogram and its thresholds.
public struct PlannedRequest: Sendable, Equatable {
    /// The label of its histogram, unique within a plan.
    public var name: String
    /// The HTTP method.
    public var method: String
    /// The path and query, appended to the base URL; may hold placeholders.
    public var path: LoadTemplate
    /// Extra headers, name and value.
    public var headers: [PlannedHeader]
    /// The body, if any; may hold placeholders.
    public var body: LoadTemplate?
    /// The statuses counted as success; empty means any status below 400.
    public var expectedStatuses: [Int]

    /// Creates a request.
    /// - Parameters:
    ///   - name: The label of its histogram.
    ///   - method: The HTTP method.
    ///   - path: The path and query, relative to the base URL.
    ///   - headers: Extra headers.
    ///   - body: The body, if any.
    ///   - expectedStatuses: The statuses counted as success; empty means any status below 400.
    public init(
        name: String, method: String = "GET", path: LoadTemplate, headers: [PlannedHeader] = [],
        body: LoadTemplate? = nil, expectedStatuses: [Int] = []
    ) {
        self.name = name
        self.method = method
        self.path = path
        self.headers = headers
        self.body = body
        self.expectedStatuses = expectedStatuses
    }

    /// Whether `status` counts as success for this request.
    public func accepts(status: Int) -> Bool {
        expectedStatuses.isEmpty ? (status >= 100 && status < 400) : expectedStatuses.contains(status)
    }
}
