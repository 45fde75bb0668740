package import GauntletHTTP
import GauntletJSON

/// Judges a step's response: its preconditions, its expectations and its captures, the same way
/// for `gauntlet run` and for every iteration of a load.
package struct StepJudge: Sendable {
    /// The schema documents the files name.
    let schemas: SchemaCatalog
    /// The step's file, for resolving schema file names.
    let scenarioFile: String

    /// - Parameters:
    ///   - schemas: The schema documents the files name.
    ///   - scenarioFile: The step's file.
    package init(schemas: SchemaCatalog, scenarioFile: String) {
        self.schemas = schemas
        self.scenarioFile = scenarioFile
    }

    /// The verdicts on one response.
    package struct Verdict: Sendable {
        /// The preconditions' verdicts (`given:`).
        package var preconditions: [AssertionResult]
        /// The expectations' verdicts (`expect:`), empty when a precondition failed, and a failed
        /// check for each capture that found nothing.
        package var assertions: [AssertionResult]

        /// Whether every precondition, expectation and capture held.
        package var passed: Bool { (preconditions + assertions).allSatisfy(\.passed) }
        /// The first check that did not hold.
        package var firstFailure: AssertionResult? { (preconditions + assertions).first { !$0.passed } }
    }

    /// Judges `response` against the step's rendered preconditions and expectations; when they
    /// hold, takes the step's captures into `scope`.
    /// - Parameters:
    ///   - step: The step (its captures).
    ///   - preconditions: Its `given:`, rendered.
    ///   - expectations: Its `expect:`, rendered.
    ///   - response: What came back.
    ///   - duration: How long the exchange took.
    ///   - isLastAttempt: Whether no retry follows: a failing step's optional captures are then
    ///     taken anyway (what it says was stored is for cleaning up).
    ///   - scope: Where captures go.
    package func judge(
        _ step: Step, preconditions: [Expectation], expectations: [Expectation], response: ReceivedResponse,
        duration: Duration, isLastAttempt: Bool, scope: inout VariableScope
    ) -> Verdict {
        let evaluator = AssertionEvaluator(response: response, duration: duration, schemas: schemas, scenarioFile: scenarioFile)
        var verdict = Verdict(preconditions: preconditions.map(evaluator.evaluate), assertions: [])
        let preconditionsHeld = verdict.preconditions.allSatisfy(\.passed)
        verdict.assertions = preconditionsHeld ? expectations.map(evaluator.evaluate) : []
        if step.checksOnlyTheAnswer { verdict.assertions.append(Self.answerBelowFourHundred(response, step: step)) }
        if verdict.passed {
            let (notFound, invalid) = Self.capture(step.captures, from: response, json: try? evaluator.json.get(), into: &scope)
            // Without an `expect`, what the step needs from the response is a precondition.
            if step.expectations.isEmpty { verdict.preconditions += notFound } else { verdict.assertions += notFound }
            verdict.assertions += invalid
        } else {
            // An optional capture is for cleaning up: what a failing step's response says was
            // stored (an id a deployment generated when it should have refused) is taken too, at
            // its last attempt; one that adds to a list, at every attempt (each may have stored).
            let cleanup = step.captures.filter { $0.optional && (isLastAttempt || $0.appends) }
            _ = Self.capture(cleanup, from: response, json: try? evaluator.json.get(), into: &scope)
        }
        return verdict
    }

    /// The check a step with no `expect` and no `given` gets: a status below 400, as under load.
    static func answerBelowFourHundred(_ response: ReceivedResponse, step: Step) -> AssertionResult {
        AssertionResult(
            subject: "status", expected: "below 400 (the step writes no 'expect')", actual: "\(response.status)",
            passed: (100..<400).contains(response.status), location: step.location, actualValue: .integer(Int64(response.status)))
    }

    /// Whether a failed teardown step's answer shows what it labels `left_behind` still there, by
    /// its `present:` rule (``Step/leftBehindPresence``); nil without one. A rule that does not
    /// render counts as shown: what cannot be judged is not called gone.
    package func showsPresent(_ step: Step, response: ReceivedResponse, duration: Duration, scope: VariableScope) -> Bool? {
        guard step.leftBehind != nil, !step.leftBehindPresence.isEmpty else { return nil }
        guard let rules = try? step.leftBehindPresence.map({ expectation throws(TemplateError) in try Self.render(expectation, in: scope) })
        else { return true }
        let evaluator = AssertionEvaluator(response: response, duration: duration, schemas: schemas, scenarioFile: scenarioFile)
        return rules.allSatisfy { evaluator.evaluate($0).passed }
    }

    /// Sets each capture's variable in `scope` (adds to its list, with `append`); returns a failed
    /// check for each capture that found nothing, unless it is optional (its variable then stays
    /// unset), and one for each `regex` whose pattern, rendered, is no regular expression.
    static func capture(
        _ captures: [Capture], from response: ReceivedResponse, json: JSONValue?, into scope: inout VariableScope
    ) -> (notFound: [AssertionResult], invalid: [AssertionResult]) {
        var failures: [AssertionResult] = []
        var invalid: [AssertionResult] = []
        for capture in captures {
            var value: JSONValue?
            // An `append` of a path that can select several nodes adds each of them.
            var addsEach = false
            switch capture.source {
            case .status: value = .integer(Int64(response.status))
            case .header(let name): value = response.header(name).map(JSONValue.string)
            case .regex(let text):
                // A pattern with placeholders is known only now: one that is no regular expression
                // is the file's mistake, a failure however the step is written, never "nothing found".
                let pattern = (try? Template(text).render(in: scope)) ?? text
                guard MatchesPattern.compile(pattern) != nil else {
                    invalid.append(AssertionResult(
                        subject: "capture \(capture.variable)", expected: "a regular expression",
                        actual: "(invalid regular expression '\(pattern)')", passed: false, location: capture.location))
                    continue
                }
                value = MatchesPattern.firstMatch(pattern, in: response.bodyText).map(JSONValue.string)
            case .jsonPath(let text):
                if let json, let path = try? JSONPath((try? Template(text).render(in: scope)) ?? text) {
                    let nodes = path.evaluate(json)
                    // An optional capture of a path that selects nothing leaves its variable unset,
                    // also when the path could select several nodes.
                    value = path.isSingular || (capture.optional && nodes.isEmpty) ? nodes.first : .array(nodes)
                    addsEach = capture.appends && !path.isSingular
                }
            }
            guard let value else {
                if !capture.optional {
                    failures.append(AssertionResult(
                        subject: "capture \(capture.variable)", expected: "a value to capture", actual: "(no match)",
                        passed: false, location: capture.location))
                }
                continue
            }
            guard capture.appends else {
                scope.set(capture.variable, to: value)
                continue
            }
            let added = addsEach ? (value.arrayValue ?? [value]) : [value]
            scope.set(capture.variable, to: Self.appending(added, to: scope.heldValue(of: capture.variable)))
        }
        return (failures, invalid)
    }

    /// What an `append: true` capture leaves: the list held, with `values` added; a variable that
    /// held one value (a file's, say) is a list of it first, as `for_each` reads one.
    static func appending(_ values: [JSONValue], to held: JSONValue?) -> JSONValue {
        switch held {
        case nil: .array(values)
        case .array(let items)?: .array(items + values)
        case let single?: .array([single] + values)
        }
    }

    package static func render(_ expectation: Expectation, in scope: VariableScope) throws(TemplateError) -> Expectation {
        var rendered = expectation
        switch expectation.subject {
        case .status(let value): rendered.subject = .status(try value.rendered(in: scope))
        case .header(let name, let predicate):
            rendered.subject = .header(try Template(name).render(in: scope), try render(predicate, in: scope))
        case .body(let value): rendered.subject = .body(try value.rendered(in: scope))
        case .jsonPath(let path, let predicate):
            rendered.subject = .jsonPath(try Template(path).render(in: scope), try render(predicate, in: scope))
        case .statuses(let counts):
            var renderedCounts: [Int: JSONValue] = [:]
            for (status, count) in counts { renderedCounts[status] = try count.rendered(in: scope) }
            rendered.subject = .statuses(renderedCounts)
        case .schema, .maxDuration: break
        }
        return rendered
    }

    static func render(_ predicate: Predicate, in scope: VariableScope) throws(TemplateError) -> Predicate {
        Predicate(predicate.op, try predicate.operand.rendered(in: scope))
    }
}
