/// What one request name (or the whole run) measured: latency, counts, statuses and errors.
public struct RequestStats: Sendable {
    /// The request name, or `total`.
    public var name: String
    /// Latency: from the intended start in the open model, the service time in the closed model.
    /// Only requests that were sent have one (``unsent`` have none), so its count is
    /// ``count`` − ``unsent``.
    public var latency = LatencyRecorder()
    /// Service time: from each request's actual send to its end (wrk2's "uncorrected latency").
    /// In the open model it sits beside ``latency``: the gap is how long arrivals waited to be
    /// sent. Every arrival gets a send of its own, so with each sent on time the two are the
    /// same; a closed-loop tool, which sends only after an answer, would have shown less. In the
    /// other models the two are the same.
    public var serviceTime = LatencyRecorder()
    /// Completed requests (with a response or a transport error), ``unsent`` ones included.
    public var count = 0
    /// Requests that were never sent (``LoadCompletion/wasSent``: the name did not resolve, the
    /// connection was refused or could not be made, the TLS handshake failed). Each is in
    /// ``count`` and ``errors``, by its kind, but has no latency: it is in neither ``latency``
    /// nor ``serviceTime``, so an outage cannot pull the percentiles down with failures that
    /// took a fraction of a millisecond.
    public var unsent = 0
    /// Requests that failed: a transport error or a status the request did not expect.
    public var errors = 0
    /// Responses by status code.
    public var statusCounts: [Int: Int] = [:]
    /// Failures by kind: a transport error's short description, or `HTTP 503`.
    public var errorCounts: [String: Int] = [:]
    /// One example per failure kind, the first seen: a transport error's account with libcurl's
    /// message (`GET https://… failed TLS: … certificate has expired`), a failed check's
    /// expectation and where it is written (`expected 201 (load.yaml:12:19)`). Kept only for
    /// the first failure of each kind, so that a load of failures does no more work than counting.
    public var errorExamples: [String: String] = [:]
    /// Response body bytes received.
    public var bytesReceived = 0
    /// Responses by the HTTP version they came in (`HTTP/1.1`, `HTTP/2`): what was spoken, so
    /// that `--http2` falling back to HTTP/1.1 shows.
    public var httpVersionCounts: [String: Int] = [:]
    /// Connections the requests opened (reused and multiplexed ones not counted again).
    public var connectionsOpened = 0
    /// Requests libcurl sent again, unseen, after their reused connection closed before any answer
    /// (idempotent ones; the others fail as `reset`): each is counted once, as its last try went
    /// (most often answered), so only this count shows a deployment that drops connections.
    public var resent = 0

    /// Creates empty statistics for `name`.
    public init(name: String) {
        self.name = name
    }

    /// Whether the deployment answered any of the requests (a status, whatever it was; a
    /// transport failure counts as status 0).
    public var gotAnAnswer: Bool { statusCounts.contains { $0.key > 0 && $0.value > 0 } }

    /// The share of failed requests, 0–1.
    public var errorRate: Double { count == 0 ? 0 : Double(errors) / Double(count) }

    /// Adds everything `other` counted.
    public mutating func add(_ other: RequestStats) {
        latency.add(other.latency)
        serviceTime.add(other.serviceTime)
        count += other.count
        unsent += other.unsent
        errors += other.errors
        bytesReceived += other.bytesReceived
        connectionsOpened += other.connectionsOpened
        resent += other.resent
        for (version, n) in other.httpVersionCounts { httpVersionCounts[version, default: 0] += n }
        for (status, n) in other.statusCounts { statusCounts[status, default: 0] += n }
        for (kind, n) in other.errorCounts { errorCounts[kind, default: 0] += n }
        // The first seen stays (this one's, then the other's for kinds it lacks).
        errorExamples.merge(other.errorExamples) { mine, _ in mine }
    }
}
