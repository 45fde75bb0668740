import Foundation
import GauntletHTTP
import GauntletJSON

/// Running one step: its `when:`, its request (retried or sent many times at once), its
/// preconditions, its expectations and its captures.
extension ScenarioRunner {
    /// Sends one step's request (retrying while preconditions or expectations fail and attempts
    /// remain), checks the response and captures values into `scope`.
    func execute(_ step: Step, scope: inout VariableScope, renderer: RequestRenderer, file: String) async -> StepResult {
        var result = StepResult(name: step.name ?? Self.label(of: step.request), location: step.location)
        if case .defined(let name) = step.condition, !scope.isDefined(name) {
            result.skipReason = "'\(name)' is not defined (when: { defined: \(name) })"
            return result
        }
        let spec: RequestSpec
        let expectations: [Expectation]
        let preconditions: [Expectation]
        do {
            spec = try renderer.render(step.request, in: scope)
            expectations = try step.expectations.map { expectation throws(TemplateError) in try Self.render(expectation, in: scope) }
            preconditions = try step.preconditions.map { expectation throws(TemplateError) in try Self.render(expectation, in: scope) }
        } catch {
            result.error = "\(step.request.location): \(error.message)"
            result.errorKind = "template"
            return result
        }
        if step.name == nil { result.name = "\(spec.method) \(Self.pathOf(spec.url))" }
        let redactor = Redactor(secrets: options.secrets)
        result.request = redactor.record(spec)
        result.curlCommand = redactor.curlCommand(spec)

        if let copies = step.concurrent {
            await executeConcurrently(
                spec, copies: copies, preconditions: preconditions, expectations: expectations, file: file, redactor: redactor,
                into: &result)
            return result
        }
        let attempts = 1 + (step.retry?.times ?? 0)
        for attempt in 1...attempts {
            result.attempts = attempt
            let exchange: HTTPExchange
            do {
                exchange = try await client.execute(spec)
            } catch {
                result.error = error.description
                result.errorKind = error.shortDescription
                result.response = nil
                result.assertions = []
                result.preconditions = []
                return result
            }
            result.response = redactor.record(exchange.response)
            result.timings = exchange.timings
            let evaluator = AssertionEvaluator(
                response: exchange.response, duration: exchange.timings.total, schemas: schemas, scenarioFile: file)
            result.preconditions = preconditions.map(evaluator.evaluate)
            result.assertions = result.preconditionsHeld ? expectations.map(evaluator.evaluate) : []
            if result.passed {
                let failures = Self.capture(step.captures, from: exchange.response, json: try? evaluator.json.get(), into: &scope)
                // Without an `expect`, what the step needs from the response is a precondition.
                if step.expectations.isEmpty { result.preconditions += failures } else { result.assertions += failures }
                return result
            }
            if attempt == attempts {
                // An optional capture is for cleaning up: what a failing step's response says was
                // stored (an id a deployment generated when it should have refused) is taken too.
                _ = Self.capture(step.captures.filter(\.optional), from: exchange.response, json: try? evaluator.json.get(), into: &scope)
            }
            if attempt < attempts, let interval = step.retry?.interval {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
            }
        }
        return result
    }

    /// Sends `copies` of one request at once; counts the statuses for `statuses` and checks
    /// every other precondition and expectation against each answer, reporting the first that
    /// fails. Expectations are judged only when every precondition held.
    func executeConcurrently(
        _ spec: RequestSpec, copies: Int, preconditions: [Expectation], expectations: [Expectation], file: String,
        redactor: Redactor, into result: inout StepResult
    ) async {
        let client = self.client
        let outcomes = await withTaskGroup(of: Result<HTTPExchange, TransportError>.self) { group in
            for _ in 0..<copies {
                group.addTask {
                    do throws(TransportError) { return .success(try await client.execute(spec)) } catch { return .failure(error) }
                }
            }
            var outcomes: [Result<HTTPExchange, TransportError>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        result.attempts = copies
        var exchanges: [HTTPExchange] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let exchange): exchanges.append(exchange)
            case .failure(let error):
                result.error = "one of \(copies) requests at once: \(error.description)"
                result.errorKind = error.shortDescription
                return
            }
        }
        result.preconditions = judge(preconditions, exchanges: exchanges, file: file)
        result.assertions = result.preconditionsHeld ? judge(expectations, exchanges: exchanges, file: file) : []
        if let shown = exchanges.first(where: { $0.response.status >= 400 }) ?? exchanges.first {
            result.response = redactor.record(shown.response)
            result.timings = shown.timings
        }
    }

    /// The verdicts on answers to concurrent copies of one request: `statuses` counts them,
    /// every other expectation must hold for each (the first failure is the one reported).
    func judge(_ expectations: [Expectation], exchanges: [HTTPExchange], file: String) -> [AssertionResult] {
        var counts: [Int: Int] = [:]
        for exchange in exchanges { counts[exchange.response.status, default: 0] += 1 }
        let seen = counts.sorted { $0.key < $1.key }.map { "\($0.value)×\($0.key)" }.joined(separator: ", ")
        let seenObject = JSONValue.object(JSONObject(counts.sorted { $0.key < $1.key }.map { (String($0.key), JSONValue.integer(Int64($0.value))) }))
        var verdicts: [AssertionResult] = []
        for expectation in expectations {
            if case .statuses(let wanted) = expectation.subject {
                let expected = wanted.sorted { $0.key < $1.key }.map { "\($0.value.preview())×\($0.key)" }.joined(separator: ", ")
                let holds = wanted.allSatisfy { status, count in count.intValue == Int64(counts[status] ?? 0) }
                let wantedObject = JSONValue.object(JSONObject(wanted.sorted { $0.key < $1.key }.map { (String($0.key), $0.value) }))
                verdicts.append(AssertionResult(
                    subject: "statuses of \(exchanges.count) concurrent requests", expected: expected, actual: seen,
                    passed: holds, location: expectation.location, expectedValue: wantedObject, actualValue: seenObject))
                continue
            }
            let each = exchanges.map { exchange in
                AssertionEvaluator(response: exchange.response, duration: exchange.timings.total, schemas: schemas, scenarioFile: file)
                    .evaluate(expectation)
            }
            verdicts.append(each.first { !$0.passed } ?? each[0])
        }
        return verdicts
    }

    /// Sets each capture's variable in `scope`; returns a failed check for each capture that
    /// found nothing, unless it is optional (its variable then stays unset).
    static func capture(
        _ captures: [Capture], from response: ReceivedResponse, json: JSONValue?, into scope: inout VariableScope
    ) -> [AssertionResult] {
        var failures: [AssertionResult] = []
        for capture in captures {
            var value: JSONValue?
            switch capture.source {
            case .status: value = .integer(Int64(response.status))
            case .header(let name): value = response.header(name).map(JSONValue.string)
            case .jsonPath(let text):
                if let json, let path = try? JSONPath((try? Template(text).render(in: scope)) ?? text) {
                    let nodes = path.evaluate(json)
                    // An optional capture of a path that selects nothing leaves its variable unset,
                    // also when the path could select several nodes.
                    value = path.isSingular || (capture.optional && nodes.isEmpty) ? nodes.first : .array(nodes)
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
            scope.set(capture.variable, to: value)
        }
        return failures
    }

    /// A step's label before its request is rendered: `DELETE /events/{{id}}`.
    static func label(of request: RequestTemplate) -> String {
        switch request.target {
        case .path(let path): "\(request.method.uppercased()) \(path)"
        case .url(let url): "\(request.method.uppercased()) \(url)"
        }
    }

    static func render(_ expectation: Expectation, in scope: VariableScope) throws(TemplateError) -> Expectation {
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

    static func pathOf(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return components.percentEncodedPath + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
    }
}
