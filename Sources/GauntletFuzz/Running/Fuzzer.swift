import Foundation
public import GauntletHTTP
import GauntletJSON

/// Runs `gauntlet fuzz`: generated requests for every operation of a document through the
/// libcurl engine, every answer judged by the ``FuzzCheck``s, every finding shrunk, and
/// everything the run created deleted at the end.
///
/// One request at a time, in a fixed order from the seed, so that a run can be repeated and a
/// finding replayed. Bounded by ``FuzzSettings/maxExamples`` per operation and by
/// ``FuzzSettings/timeLimit`` (cleanup runs after it, bounded by the transfer timeout).
public final class Fuzzer {
    let document: APIDocument
    let settings: FuzzSettings
    let checker: ResponseChecker
    let generator: CaseGenerator
    let mutator: Mutator
    /// What marks the run's ids (`fuzz-<run id>`): every id it makes, and the values the
    /// mutator tags.
    let runTag: String
    let kinds: [ResourceKind]
    let client: CurlClient
    /// Ctrl-C: stops the phases; the cleanup runs all the same.
    let stop: FuzzStop
    private let deadline: ContinuousClock.Instant
    private let started = ContinuousClock.now

    var result: FuzzResult
    /// Every resource the run made (or a deployment wrongly made for it), by item path.
    var created: [(path: String, kind: ResourceKind)] = []
    /// How each resource the run made came to be what it is: its create and the writes a
    /// deployment accepted on it, by item path (the setup of a finding about a list of them).
    var history: [String: [FindingStep]] = [:]
    /// Item paths whose ids alone do not show them the run's: an id only a create's answer named
    /// (one the deployment made, or another team's it wrongly answered), or one without the run's
    /// tag that the run sent to a create answering another; with what the item there may hold if
    /// it is the run's: the body of each create answered with it, each case's write accepted
    /// since (a PUT may replace the whole item), and all of them merged (a PATCH, or a PUT that
    /// merges). The cleanup deletes one only when the item there holds one of them
    /// (``Fuzzer/ownership(of:at:)``), or when it is in ``provedPaths``.
    var unprovenPaths: [String: [JSONValue]] = [:]
    /// Those of ``unprovenPaths`` a read proved the run's right after their create
    /// (``Fuzzer/create(_:label:index:provingOwnership:body:)``), before a write could change
    /// them, and no DELETE was sent to since: a deployment that hands a freed id to the next
    /// create (SQLite's rowids) may have another team's item there by the cleanup.
    var provedPaths: Set<String> = []
    /// The resource each kind's operations use when they need one, with the create that made it.
    var shared: [String: SharedResource] = [:]
    /// Item paths of kinds whose creates did not show within the settling bound: later creates
    /// of those kinds do not wait for theirs.
    var unsettledKinds: Set<String> = []
    /// Item paths of kinds a read of an item the run created answered 2xx for: only for those
    /// does the cleanup take a 404 as "gone" (a deployment whose reads answer 404 for everything
    /// would have every item called gone). ``awaitVisible(_:of:)`` fills it as the run goes, the
    /// cleanup for kinds no such read came for (a run stopped before any).
    var readableKinds: Set<String> = []
    private var idCounter = 0

    /// A resource made once and addressed by many cases.
    struct SharedResource {
        var values: [String: String]
        var create: FindingStep
    }

    /// Why sending stopped.
    enum Stop: Error {
        case timeLimit, interrupted
    }

    public init(document: APIDocument, settings: FuzzSettings, client: CurlClient = .shared, stop: FuzzStop = FuzzStop()) {
        self.stop = stop
        self.document = document
        self.settings = settings
        self.checker = ResponseChecker(document: document)
        // Requests are judged as requests read the document: the server's readOnly `id` is not
        // required of a create (the checker reads it as answers do).
        let requests = JSONSchemaValidator(document: document.requestJSON, assertsFormats: true)
        self.generator = CaseGenerator(document: document, validator: requests, seed: settings.seed)
        self.runTag = "fuzz-\(settings.runID)"
        self.mutator = Mutator(document: document, validator: requests, runTag: runTag)
        self.kinds = ResourceKind.all(in: document)
        self.client = client
        self.deadline = .now + settings.timeLimit
        self.result = FuzzResult(documentSource: document.source, baseURL: settings.baseURL, seed: settings.seed, runID: settings.runID, startedAt: Date())
        self.result.operations = document.operations.count
        self.result.documentProblems = document.problems
        self.result.headers = settings.headers
        self.result.transfer = settings.transfer
        self.result.resources = kinds.map { FindingFile.Resource(itemPath: $0.itemPath, createPath: $0.create.path, idField: $0.clientIDField, readable: $0.read != nil) }
    }

    /// Runs every phase, then the cleanup, whatever stopped the phases.
    public func run() async -> FuzzResult {
        do {
            for operation in document.operations {
                try await positiveCases(operation)
                try await negativeCases(operation)
            }
            try await listsAgain()
            try await unsupportedMethods()
            for kind in kinds { try await statefulSequences(kind) }
        } catch Stop.timeLimit {
            result.ending = .timeLimit(currentOperation ?? "")
        } catch {
            result.ending = .interrupted
        }
        await cleanUp()
        result.seconds = (ContinuousClock.now - started).seconds
        return result
    }

    /// The operation being worked on, for "stopped during …".
    var currentOperation: String?

    // MARK: - Sending

    /// One answer, or why there was none.
    enum Answer {
        case response(ReceivedResponse)
        case failed(String)
        /// The connection closed or was reset before any answer: the deployment crashed on the
        /// request or dropped it (a finding, see ``judgeDropped``), or it failed otherwise.
        case closed(String)
        /// Not answered within the stop's grace (``FuzzSettings/cleanupGrace``): given up, or not sent.
        case givenUp

        var wasGivenUp: Bool {
            if case .givenUp = self { true } else { false }
        }

        var response: ReceivedResponse? {
            if case .response(let response) = self { response } else { nil }
        }
        var status: Int? { response?.status }
        var json: JSONValue? { response.flatMap { try? JSONValue(parsing: $0.body) } }
    }

    /// Sends a request; throws ``Stop`` when the time is up or the task was cancelled, and when
    /// a stop comes while a safe request (a read) is in flight: it is given up at once, so that a
    /// Ctrl-C (or a CI runner's SIGTERM, with its second signal seconds behind) goes to the
    /// cleanup rather than waiting out a hung request's timeout.
    func send(_ request: FuzzRequest) async throws(Stop) -> Answer {
        if stop.isRequested || Task.isCancelled { throw .interrupted }
        if ContinuousClock.now >= deadline { throw .timeLimit }
        if request.method == "DELETE" { provedPaths.remove(request.path) }
        // A write is given up only past the stop's grace: what it created is unknown to the cleanup.
        let safe = HTTPMethod.isSafe(request.method)
        guard let answer = await exchange(request, stoppable: safe) else {
            if !safe {
                result.leftBehind.append("\(request.line) (unverified: \(cutShortReason); what it made is not known)")
            }
            throw stop.isRequested ? .interrupted : .timeLimit
        }
        return answer
    }

    /// Sends a request whatever the time and whatever stop was asked for (cleanup), but for
    /// the grace after the stop or the time limit only (``FuzzSettings/cleanupGrace``).
    func sendUnbounded(_ request: FuzzRequest) async -> Answer {
        await exchange(request, stoppable: false) ?? .givenUp
    }

    /// Why a write or a cleanup request was given up.
    var cutShortReason: String {
        TeardownGrace.cutShortReason(
            after: settings.cleanupGrace, of: "cleanup", since: stop.isRequested ? "the stop" : "the time limit")
    }

    /// Sends a request and records it; nil when `stoppable` and a stop came while it was in
    /// flight, or when the grace after the stop or after the time limit ran out before it was
    /// answered (given up, neither answered nor counted unanswered; not sent at all once it
    /// ran out): whatever the deployment does and whatever `--timeout`, a run ends by then.
    private func exchange(_ request: FuzzRequest, stoppable: Bool) async -> Answer? {
        let stop = self.stop
        let grace = settings.cleanupGrace
        let end = deadline + grace
        if stop.graceRanOut(grace) || ContinuousClock.now >= end { return nil }
        result.requests += 1
        let spec = request.spec(baseURL: settings.baseURL, headers: settings.headers, options: settings.transfer)
        let client = self.client
        let outcome: Result<HTTPExchange, TransportError>? = await withTaskGroup(of: Result<HTTPExchange, TransportError>?.self) { group in
            group.addTask {
                do throws(TransportError) { return .success(try await client.execute(spec)) } catch { return .failure(error) }
            }
            group.addTask {
                while !(stoppable ? stop.isRequested : stop.graceRanOut(grace)), ContinuousClock.now < end, !Task.isCancelled {
                    try? await Task.sleep(for: .milliseconds(50))
                }
                return nil
            }
            // The first to end decides: the answer (the watcher is then cancelled), or the stop
            // (the request is then cancelled, which ends its transfer at once).
            let first = await group.next() ?? nil
            group.cancelAll()
            return first
        }
        switch outcome {
        case nil:
            return nil
        case .success(let exchange)?:
            return .response(exchange.response)
        case .failure(let error)?:
            let message = "\(request.line): \(error)"
            result.unanswered += 1
            if result.transportErrors.count < 20 { result.transportErrors.append(message) }
            return error.closedWithoutAnswer ? .closed(message) : .failed(message)
        }
    }

    // MARK: - Judging

    /// Applies the response checks to an answer of `operation`, records the tallies, and turns
    /// the failures into findings whose last step is `request` after `setup`.
    func judge(
        _ answer: Answer, of operation: APIOperation, request: FuzzRequest, setup: [FindingStep] = [],
        input: String, extra: [(FuzzCheck, String?)] = [], expecting: [FuzzCheck: [FindingStep.Expectation]] = [:],
        resourceIDs: [String] = [], waitsForWrites: Bool = false
    ) async throws(Stop) {
        guard let response = answer.response else {
            if case .closed = answer { judgeDropped(operation, request: request, setup: setup, input: input, resourceIDs: resourceIDs) }
            return
        }
        var failures = checker.failures(of: ownItemsOnly(response, of: operation), to: operation).filter { settings.checks.contains($0.check) }
        for (check, failure) in extra where settings.checks.contains(check) {
            if let failure { failures.append(CheckFailure(check, failure)) }
        }
        let failed = Set(failures.map(\.check))
        for check in applicableChecks(response, operation, extra: extra.map(\.0)) where !failed.contains(check) {
            result.count(check, operation.label, failure: nil)
        }
        for failure in failures {
            result.count(failure.check, operation.label, failure: failure.message)
            let key = "\(failure.check.rawValue) \(operation.label) \(response.status)"
            guard !result.findings.contains(where: { $0.key == key }) else { continue }
            var step = notingReadBack(
                FindingStep(name: "the request", request: request, expectations: expecting[failure.check] ?? expectations(for: failure.check, operation, response)),
                of: operation)
            step.waitsForWrites = waitsForWrites
            // A create accepted under an id of the deployment's own: the replay's teardown finds
            // what its own request made there (a fixed deployment refuses it, and names nothing).
            if response.status / 100 == 2, let kind = kinds.first(where: { $0.create == operation }),
                let values = kind.values(request: request.jsonBody, response: answer.json)
            {
                captureAnsweredIDs(in: &step, of: kind, values: values, answer: answer.json, prefix: "answered_by_request_")
                step.capturesAreOptional = true
            }
            var finding = Finding(
                check: failure.check, operation: operation.label, status: response.status, message: failure.message,
                input: input, steps: setup + [step], resourceIDs: resourceIDs, shrunkBy: 0)
            finding = try await shrink(finding, operation: operation)
            result.findings.append(finding)
        }
    }

    /// The response checks that looked at this answer (for pass counts).
    private func applicableChecks(_ response: ReceivedResponse, _ operation: APIOperation, extra: [FuzzCheck]) -> [FuzzCheck] {
        var checks: [FuzzCheck] = [.notAServerError, .statusCodeConformance] + extra
        if let documented = operation.response(for: response.status) {
            if !documented.requiredHeaders.isEmpty { checks.append(.responseHeadersConformance) }
            if !response.body.isEmpty, !documented.content.isEmpty {
                checks.append(.contentTypeConformance)
                checks.append(.responseSchemaConformance)
            }
        }
        return checks.filter { settings.checks.contains($0) }
    }

    /// What a finding file expects of the failing step, for `check`.
    func expectations(for check: FuzzCheck, _ operation: APIOperation, _ response: ReceivedResponse) -> [FindingStep.Expectation] {
        let documented = operation.response(for: response.status)
        let status = JSONValue.integer(Int64(response.status))
        switch check {
        case .notAServerError: return [.status(["1xx", "2xx", "3xx", "4xx"])]
        case .statusCodeConformance:
            return [.status(.array(operation.responses.keys.sorted().map { key in
                Int64(key).map(JSONValue.integer) ?? .string(key.lowercased())
            }))]
        // A rule about answers of one status: a replay that gets another status (the deployment
        // now rejects the input) has nothing to check and skips.
        case .contentTypeConformance: return [.given(status), .contentType((documented?.content.keys).map(Array.init)?.sorted() ?? [])]
        case .responseHeadersConformance: return [.given(status), .headers(documented?.requiredHeaders ?? [])]
        case .responseSchemaConformance:
            let mediaType = ResponseChecker.mediaType(response.header("Content-Type") ?? "")
            let pointer = documented?.content.first { ResponseChecker.matches(mediaType, $0.key) }?.value ?? nil
            return [.given(status)] + (pointer.map { [.schema($0)] } ?? [])
        case .negativeDataRejection, .duplicateCreateRejected: return [.status("4xx")]
        case .positiveDataAcceptance: return [.status(FuzzCheck.acceptedStatuses)]
        case .unsupportedMethod: return [.status(405)]
        case .allowHeader: return [.given(405), .allowListing(documentedMethods(operation.path))]
        case .useAfterFree: return [.status("4xx")]
        case .ensureResourceAvailability: return [.status("2xx")]
        case .updateIsReadBack, .rejectedWriteChangesNothing, .filterMatchesItems: return []
        }
    }

    // MARK: - Ids

    /// A new id for something the run creates: `fuzz-<run id>-<n>`.
    func nextID() -> String {
        idCounter += 1
        return "\(runTag)-\(idCounter)"
    }
}

extension FuzzCheck {
    /// What ``positiveDataAcceptance`` allows: success, or a refusal that is not about the data.
    static let acceptedStatuses: JSONValue = ["2xx", 401, 403, 404, 409]

    static func accepts(_ status: Int) -> Bool {
        status / 100 == 2 || [401, 403, 404, 409].contains(status) || status >= 500
    }
}

extension Duration {
    var seconds: Double {
        Double(components.seconds) + Double(components.attoseconds) / 1e18
    }
}

