import GauntletHTTP
public import GauntletJSON

/// A broken rule, once per check, operation and status, with the shortest sequence of requests
/// that shows it: the steps a finding file replays.
public struct Finding: Sendable {
    public var check: FuzzCheck
    /// The operation it was found on (`PUT /events/{eventId}`).
    public var operation: String
    /// The status of the answer that broke the rule (`nil`: no answer).
    public var status: Int?
    /// What was wrong.
    public var message: String
    /// What the request was (a mutation's description, "a valid body", …).
    public var input: String
    /// The requests, in order; the last one's answer broke the rule.
    public var steps: [FindingStep]
    /// The value standing for the resource id in the steps (replaced by a placeholder in files).
    public var resourceIDs: [String]
    /// How many requests shrinking removed from the first failing case (properties or steps).
    public var shrunkBy: Int

    /// The `curl` command that sends the failing request as the run sent it: its headers (secret
    /// ones as `***`) and transfer options (`--resolve`, `--cacert`, `--http2`, SigV4 with its
    /// credentials as `***`), so that it reaches the deployment the run reached.
    public func curlCommand(in result: FuzzResult) -> String {
        guard let last = steps.last else { return "" }
        var options = result.transfer
        options.awsSigV4 = options.awsSigV4?.redacted
        let headers = SecretRedaction.redacted(result.headers)
        return CurlCommand(last.request.spec(baseURL: result.baseURL, headers: headers, options: options)).description
    }

    /// The key findings are deduplicated by.
    public var key: String { "\(check.rawValue) \(operation) \(status.map(String.init) ?? "-")" }
}

/// One request of a finding and what its answer must be.
public struct FindingStep: Sendable {
    /// What a finding file's step expects.
    public enum Expectation: Sendable, Hashable {
        /// A precondition: the status is one of these (skips the rest when not).
        case given(JSONValue)
        /// The status is one of these (`"4xx"`, `[200, 201]`).
        case status(JSONValue)
        /// The body validates against the schema at this pointer of the document.
        case schema(JSONPointer)
        /// The Content-Type is one of these media types.
        case contentType([String])
        /// These headers are present.
        case headers([String])
        /// `Allow` lists each of these methods.
        case allowListing([String])
        /// The body contains this document (objects by subset).
        case body(JSONValue)
        /// Every item of the array at `array` (a JSONPath) has `field` equal to the value.
        case everyItem(array: String, field: String, equals: JSONValue)
    }

    public var name: String
    public var request: FuzzRequest
    public var expectations: [Expectation]
    /// Variables captured from the answer: name → JSONPath (`$` for the whole body).
    public var captures: [String: String] = [:]
    /// Ids this step's answer named that it captures, by the variable each goes into: the paths
    /// of the steps after it name the capture (`/events/{{answered_eventId | urlencode}}`), not
    /// the id this run was answered, so that a replay addresses what its own create made (a fixed
    /// deployment answers the id it was sent, one with ids of its own a new one).
    public var answeredIDs: [String: String] = [:]
    /// The item a create step made, as the run addressed it (`/events/<answered id>`), when its
    /// answer named ids other than those sent: a replay's teardown reads it at the captured ids
    /// and deletes it only when it holds what the replay sent (``FindingFile``).
    public var madeItem: String?
    /// Whether the captures may find nothing: the failing step's, which a fixed deployment
    /// refuses with an answer that names no id.
    public var capturesAreOptional = false
    /// A read that checks earlier writes: retried for about a second while it does not show
    /// them, as on a deployment whose reads lag its writes.
    public var waitsForWrites = false
    /// What of a write's JSON body a read can give back, where that is not the whole body: the
    /// body without the properties its schema marks `writeOnly` or does not name
    /// (``Fuzzer/readBack(_:of:)``).
    public var readBackBody: JSONValue?

    /// What of the request's JSON body a read can give back (``readBackBody``, else the body).
    public var readBack: JSONValue? { readBackBody ?? request.jsonBody }
}
