public import GauntletHTTP

/// What one step sent, what came back, and how each expectation fared.
///
/// Header values and known secrets are already redacted here, so report writers can print
/// everything they are given.
public struct StepResult: Sendable, Codable {
    /// The step's label.
    public var name: String
    /// Where the step is written.
    public var location: ScenarioLocation
    /// How many times the request was sent (more than one with `retry`).
    public var attempts: Int
    /// The request as sent (last attempt).
    public var request: RecordedRequest?
    /// The response (last attempt).
    public var response: RecordedResponse?
    /// libcurl's phase timings (last attempt).
    public var timings: Timings?
    /// A curl command that reproduces the request (secrets redacted).
    public var curlCommand: String?
    /// Every expectation's result (empty when a precondition did not hold).
    public var assertions: [AssertionResult]
    /// Every `given:` precondition's result, and failed captures of a step without `expect`.
    public var preconditions: [AssertionResult]
    /// Why the step did not run at all (its `when:` did not hold); `nil` when it ran.
    public var skipReason: String?
    /// Why the step could not run or complete: a transport or template error.
    public var error: String?
    /// A short label for the error kind (`connect_failed`, `timeout`, `template`).
    public var errorKind: String?
    /// For a failed teardown step with `left_behind: { present: … }`: whether its last answer
    /// showed the thing still there (nil when the step has no such rule or did not fail).
    public var showedPresent: Bool?
    /// For a `concurrent: N` step: the copies sent at once (``attempts`` is then N too, but no
    /// copy was a retry of another).
    public var copiesAtOnce: Int?
    /// Whether a send of the step (an attempt, a copy) may have changed the deployment: its
    /// method is not safe (RFC 9110 §9.2.1: not GET, HEAD, OPTIONS or TRACE) and it was answered
    /// other than with a client error (4xx), or went out and got no answer. False when every send
    /// was safe or refused with a 4xx; nil when nothing was sent.
    public var mayHaveChangedState: Bool?

    /// Whether a write of the step was dropped unanswered when the run was interrupted (its
    /// answer may have been on the way: the deployment may have carried it out).
    var writeDroppedInFlight: Bool {
        mayHaveChangedState == true && errorKind == TransportError.Kind.aborted.label
    }

    /// How the request's sends read in a report: `attempts: 3` after retries, `5 copies at once`
    /// for a concurrent step; nil for one send.
    public var sendsText: String? {
        if let copies = copiesAtOnce { return "\(copies) copies at once" }
        return attempts > 1 ? "\(attempts) attempts" : nil
    }

    public init(
        name: String, location: ScenarioLocation, attempts: Int = 0, request: RecordedRequest? = nil,
        response: RecordedResponse? = nil, timings: Timings? = nil, curlCommand: String? = nil,
        assertions: [AssertionResult] = [], preconditions: [AssertionResult] = [], skipReason: String? = nil,
        error: String? = nil, errorKind: String? = nil
    ) {
        self.preconditions = preconditions
        self.skipReason = skipReason
        self.name = name
        self.location = location
        self.attempts = attempts
        self.request = request
        self.response = response
        self.timings = timings
        self.curlCommand = curlCommand
        self.assertions = assertions
        self.error = error
        self.errorKind = errorKind
    }

    /// The step without its headers, bodies and curl command (see
    /// ``ScenarioResult/withoutTranscript(reason:)``): its request line, status, protocol,
    /// timings and checks stay.
    func withoutTranscript() -> StepResult {
        var out = self
        out.request = request.map { RecordedRequest(method: $0.method, url: $0.url, headers: [], body: nil) }
        out.response = response.map { RecordedResponse(status: $0.status, httpVersion: $0.httpVersion, headers: [], body: "") }
        out.curlCommand = nil
        return out
    }

    /// Whether the step ran (or was skipped by its `when:`) and every precondition and
    /// expectation held.
    public var passed: Bool { error == nil && preconditionsHeld && assertions.allSatisfy(\.passed) }

    /// Whether every precondition held (true when there are none).
    public var preconditionsHeld: Bool { preconditions.allSatisfy(\.passed) }

    /// Whether the step ran and did not do what it should: an error, or a failed expectation.
    /// A step skipped by `when:` or stopped by a precondition is not a failure.
    public var failedOrErrored: Bool {
        skipReason == nil && (error != nil || (preconditionsHeld && !assertions.allSatisfy(\.passed)))
    }

    /// Whether a precondition stopped the step on a server error (5xx): nothing it tells about
    /// what the step looked at (a teardown's read of what it may delete cannot say whose it is).
    public var stoppedByServerError: Bool {
        skipReason == nil && error == nil && !preconditionsHeld && (response?.status ?? 0) >= 500
    }
}

/// A request as it went out, secrets redacted.
public struct RecordedRequest: Sendable, Codable {
    public var method: String
    public var url: String
    public var headers: [HTTPHeader]
    /// The body as text, cut to a few KiB.
    public var body: String?

    public init(method: String, url: String, headers: [HTTPHeader], body: String?) {
        self.method = method
        self.url = url
        self.headers = headers
        self.body = body
    }
}

/// A response as it came back, secrets redacted, body cut to a few KiB.
public struct RecordedResponse: Sendable, Codable {
    public var status: Int
    /// The protocol the answer came in (`HTTP/1.1`, `HTTP/2`); nil when no answer was read whole.
    public var httpVersion: String?
    public var headers: [HTTPHeader]
    public var body: String

    public init(status: Int, httpVersion: String? = nil, headers: [HTTPHeader], body: String) {
        self.status = status
        self.httpVersion = httpVersion
        self.headers = headers
        self.body = body
    }
}
