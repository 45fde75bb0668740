import GauntletHTTP
import GauntletJSON
import GauntletScenario

/// A load step made ready for an event loop: what never varies rendered once, and the cheapest
/// way to judge its answers chosen once.
///
/// A step whose request has no placeholder is sent as the same `RenderedRequest` every time
/// (the same strings, which is what lets the driver see cheaply that nothing changed), and one
/// that checks only a literal status is judged from the status alone, with no body kept. Any
/// other step is rendered in its iteration's variables and judged by the scenario runner's own
/// ``StepJudge``, captures included. A class, so that the hot path reaches its fields through one
/// reference.
final class PreparedStep {
    /// How a response is judged.
    enum Rule {
        /// Passes with one of these statuses (a literal `expect: { status: … }` and nothing else).
        case statuses([Int])
        /// No check written: below 400 passes (in a teardown step, any answer does).
        case belowFourHundred
        /// Any answer passes (a teardown step without checks).
        case anyStatus
        /// Everything else: rendered expectations, preconditions and captures, through ``StepJudge``.
        case full
    }

    /// The load step.
    let step: LoadStep
    /// The step's position among the plan's request names (its `RequestStats`).
    let position: Int
    /// Renders the request in an iteration's variables.
    let renderer: RequestRenderer
    /// Judges a response the way `gauntlet run` does.
    let judge: StepJudge
    /// The request, when nothing in it (nor in its file's headers) has a placeholder.
    let constant: RenderedRequest?
    /// How its responses are judged.
    let rule: Rule
    /// Whether the step needs its iteration's variables: to render, to judge, to capture or to
    /// decide whether it runs.
    let needsScope: Bool
    /// `for_each:`, read on every send of the step: kept here, one reference away.
    let forEach: StepForEach?
    /// `delay:` in nanoseconds, also read on every send: kept here too.
    let delayNanos: UInt64?
    /// Whether each request keeps its response for a failure's example
    /// (``LoadFlow/keepsResponses``), whatever the rule needs.
    let keepsResponse: Bool

    /// - Parameters:
    ///   - step: The load step.
    ///   - flow: Its flow (headers and file).
    ///   - position: Its position among the plan's request names.
    ///   - baseURL: The base URL.
    ///   - commandLineHeaders: Headers from the command line.
    ///   - schemas: The schema documents steps name.
    init(
        _ step: LoadStep, flow: LoadFlow, position: Int, baseURL: String, commandLineHeaders: [HTTPHeader],
        schemas: SchemaCatalog
    ) {
        self.step = step
        self.position = position
        renderer = RequestRenderer(
            baseURL: baseURL, defaultHeaders: flow.headers, commandLineHeaders: commandLineHeaders, transfer: TransferOptions())
        judge = StepJudge(schemas: schemas, scenarioFile: flow.file)
        let written = step.step
        rule = Self.rule(for: step)
        keepsResponse = rule.needsResponse || flow.keepsResponses
        forEach = written.forEach
        delayNanos = written.delay?.nanosecondsUInt64
        let isLiteral = written.request.isLiteral && flow.headers.allSatisfy(\.isLiteral)
        if isLiteral, let spec = try? renderer.render(written.request, in: VariableScope(environment: [:])) {
            constant = RenderedRequest(spec, keepsResponse: keepsResponse)
        } else {
            constant = nil
        }
        if case .full = rule {
            needsScope = true
        } else {
            needsScope = constant == nil || written.condition != nil || written.forEach != nil
        }
    }

    /// The cheapest rule that judges `step` exactly as ``StepJudge`` would.
    static func rule(for step: LoadStep) -> Rule {
        let written = step.step
        guard written.preconditions.isEmpty, written.captures.isEmpty, written.leftBehindPresence.isEmpty else { return .full }
        if written.expectations.isEmpty { return step.isTeardown ? .anyStatus : .belowFourHundred }
        var statuses: [Int]?
        for expectation in written.expectations {
            guard case .status(let value) = expectation.subject, let listed = literalStatuses(value) else { return .full }
            statuses = statuses.map { Array(Set($0).intersection(listed)) } ?? listed
        }
        return .statuses(statuses ?? [])
    }

    /// `201` or `[200, 204]` as written; nil for anything with a placeholder.
    static func literalStatuses(_ value: JSONValue) -> [Int]? {
        switch value {
        case .integer(let status): return [Int(status)]
        case .array(let items):
            var statuses: [Int] = []
            for item in items {
                guard case .integer(let status) = item else { return nil }
                statuses.append(Int(status))
            }
            return statuses
        default: return nil
        }
    }

    /// Whether the step runs in this iteration (`when:`).
    func runs(in scope: VariableScope?) -> Bool {
        guard let condition = step.step.condition else { return true }
        // An operand that cannot be filled is a condition that does not hold.
        return (try? condition.unmetReason(in: scope ?? VariableScope(environment: [:]))) == .some(nil)
    }

    /// The request for one iteration.
    /// - Throws: `TemplateError` when a placeholder cannot be filled (a capture that failed).
    func transfer(in scope: VariableScope?) throws(TemplateError) -> RenderedRequest {
        if let constant { return constant }
        let spec = try renderer.render(step.step.request, in: scope ?? VariableScope(environment: [:]))
        return RenderedRequest(spec, keepsResponse: keepsResponse)
    }

    /// Judges one answer: whether the step passed, and if not, the kind of failure to count
    /// (`HTTP 500`, `check $.title`); captures go into `scope`.
    func verdict(on outcome: LoadCompletion, isLastAttempt: Bool, scope: inout VariableScope?) -> (passed: Bool, failure: String?) {
        if let failure = outcome.failureLabel { return (false, failure) }
        let status = outcome.statusCode
        switch rule {
        case .statuses(let wanted):
            return wanted.contains(status) ? (true, nil) : (false, "HTTP \(status)")
        case .belowFourHundred:
            return (100..<400).contains(status) ? (true, nil) : (false, "HTTP \(status)")
        case .anyStatus:
            return (true, nil)
        case .full:
            var variables = scope ?? VariableScope(environment: [:])
            defer { scope = variables }
            let preconditions: [Expectation]
            let expectations: [Expectation]
            do {
                preconditions = try step.step.preconditions.map { expectation throws(TemplateError) in
                    try StepJudge.render(expectation, in: variables)
                }
                expectations = try step.step.expectations.map { expectation throws(TemplateError) in
                    try StepJudge.render(expectation, in: variables)
                }
            } catch {
                return (false, "template")
            }
            let response = outcome.response ?? ReceivedResponse(status: status)
            let verdict = judge.judge(
                step.step, preconditions: preconditions, expectations: expectations, response: response,
                duration: outcome.timings.total,
                isLastAttempt: isLastAttempt, scope: &variables)
            guard let failure = verdict.firstFailure else { return (true, nil) }
            return (false, failure.subject == "status" ? "HTTP \(status)" : "check " + failureKind(failure))
        }
    }

    /// Whether a failed teardown step's answer shows what it labels `left_behind` still there
    /// (``GauntletScenario/Step/leftBehindPresence``); nil without a `present:` rule, false with
    /// one and no answer (a transport failure shows nothing).
    func showsPresent(on outcome: LoadCompletion, scope: VariableScope?) -> Bool? {
        guard let response = outcome.response, outcome.failureLabel == nil else { return step.step.leftBehindPresence.isEmpty ? nil : false }
        return judge.showsPresent(step.step, response: response, duration: outcome.timings.total, scope: scope ?? VariableScope(environment: [:]))
    }

    /// A failed check as an error kind: its subject as written, not as rendered (a JSONPath with
    /// the iteration's id in it would make every iteration's failure a kind of its own).
    func failureKind(_ failure: AssertionResult) -> String {
        let written = (step.step.preconditions + step.step.expectations).first { $0.location == failure.location }
        switch written?.subject {
        case .header(let name, _)?: return "header \(name)"
        case .body?: return "body"
        case .jsonPath(let path, _)?: return path
        case .schema(let file, let pointer)?: return "schema \(file)#\(pointer)"
        case .maxDuration?: return "duration"
        case .status?, .statuses?: return "status"
        case nil: return failure.subject  // a capture: `capture NAME`
        }
    }
}

extension PreparedStep.Rule {
    /// Whether judging reads headers or body.
    var needsResponse: Bool {
        if case .full = self { return true }
        return false
    }
}
