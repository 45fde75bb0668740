import Foundation
import GauntletHTTP
import GauntletJSON
import GauntletUnits

/// Running one step: its `when:`, its request (retried or sent many times at once), its
/// preconditions, its expectations and its captures.
extension ScenarioRunner {
    /// Runs one repetition of a step (1 without `repeat`): `{{iteration}}` is `repetition`
    /// while it runs, then what it was before. For a `for_each` step, `repetition` picks the
    /// item of `rounds`, named as the step says while it runs, then back to what it was.
    func execute(
        _ step: Step, repetition: Int, of rounds: StepRounds, scope: inout VariableScope, renderer: RequestRenderer, file: String
    ) async -> StepResult {
        if let forEach = step.forEach {
            guard let item = rounds.item(repetition) else {
                var result = StepResult(name: step.name ?? Self.label(of: step.request), location: step.location)
                result.skipReason = "for_each: '\(forEach.list)' holds no item"
                return result
            }
            let outer = scope.innermostValue(of: forEach.name)
            scope.set(forEach.name, to: item)
            var result = await execute(step, scope: &scope, renderer: renderer, file: file)
            scope.restore(forEach.name, to: outer)
            result.name += " (\(repetition) of \(rounds.count))"
            return result
        }
        guard let repetitions = step.repetitions else {
            return await execute(step, scope: &scope, renderer: renderer, file: file)
        }
        let outer = (try? scope.value(of: "iteration")) ?? .integer(1)
        scope.set("iteration", to: .integer(Int64(repetition)))
        var result = await execute(step, scope: &scope, renderer: renderer, file: file)
        scope.set("iteration", to: outer)
        result.name += " (\(repetition) of \(repetitions))"
        return result
    }

    /// The result of a step that was not sent (an interrupted teardown past its grace): an
    /// error, whatever the step expects; skipped when its `when:` does not hold in `scope`.
    static func notSent(_ step: Step, in scope: VariableScope, reason: String) -> StepResult {
        var result = StepResult(name: step.name ?? label(of: step.request), location: step.location)
        if let condition = step.condition, let unmet = (try? condition.unmetReason(in: scope)) ?? nil {
            result.skipReason = unmet
            return result
        }
        result.error = "not sent: \(reason)"
        result.errorKind = "interrupted"
        return result
    }

    /// Sends one step's request (retrying while preconditions or expectations fail and attempts
    /// remain), checks the response and captures values into `scope`; waits its `delay` first.
    func execute(_ step: Step, scope: inout VariableScope, renderer: RequestRenderer, file: String) async -> StepResult {
        var result = StepResult(name: step.name ?? Self.label(of: step.request), location: step.location)
        if let condition = step.condition {
            do {
                if let unmet = try condition.unmetReason(in: scope) {
                    result.skipReason = unmet
                    return result
                }
            } catch {
                result.error = "\(condition.location): \(error.message)"
                result.errorKind = "template"
                return result
            }
        }
        if let delay = step.delay {
            try? await Task.sleep(for: delay)
            if Task.isCancelled {
                result.error = "interrupted during its delay of \(DurationText.format(delay)); nothing was sent"
                result.errorKind = "interrupted"
                return result
            }
        }
        let spec: RequestSpec
        let expectations: [Expectation]
        let preconditions: [Expectation]
        do {
            spec = try renderer.render(step.request, in: scope)
            expectations = try step.expectations.map { expectation throws(TemplateError) in try StepJudge.render(expectation, in: scope) }
            preconditions = try step.preconditions.map { expectation throws(TemplateError) in try StepJudge.render(expectation, in: scope) }
        } catch {
            result.error = "\(step.request.location): \(error.message)"
            result.errorKind = "template"
            return result
        }
        if step.name == nil { result.name = "\(spec.method) \(Self.pathOf(spec.url))" }
        // Credentials a file's headers carry (`x-api-key: "{{env.KEY}}"`) are this step's
        // secrets too: an answer may quote them back (an error message, an echo endpoint).
        let redactor = self.redactor.hiding(RunOptions.credentialSecrets(in: spec.headers))
        result.request = redactor.record(spec)
        result.curlCommand = redactor.curlCommand(spec)
        if let copies = step.concurrent {
            await executeConcurrently(
                step, spec, copies: copies, preconditions: preconditions, expectations: expectations, scope: &scope, file: file,
                redactor: redactor, into: &result)
        } else {
            await send(
                step, spec, preconditions: preconditions, expectations: expectations, scope: &scope, file: file, redactor: redactor,
                into: &result)
        }
        // The checks quote the answer too.
        return redactor.step(result)
    }

    /// Sends one step's request, again while its preconditions or expectations fail and
    /// attempts remain, and judges each answer.
    func send(
        _ step: Step, _ spec: RequestSpec, preconditions: [Expectation], expectations: [Expectation], scope: inout VariableScope,
        file: String, redactor: Redactor, into result: inout StepResult
    ) async {
        let attempts = 1 + (step.retry?.times ?? 0)
        let changesState = !HTTPMethod.isSafe(spec.method)
        result.mayHaveChangedState = false
        for attempt in 1...attempts {
            // Interrupted between attempts, the last answer stands; before the first, nothing is sent.
            if Task.isCancelled {
                if attempt == 1 { Self.markNotSent(&result) }
                break
            }
            result.attempts = attempt
            let exchange: HTTPExchange
            do {
                exchange = try await perform(spec, of: step)
            } catch {
                // A request that went out and got no answer may have been carried out.
                result.mayHaveChangedState = changesState
                result.error = error.description
                result.errorKind = error.shortDescription
                // An answer that began (a body cut short, endless or not decodable) shows the
                // deployment reached: its status stands, with no body to show.
                result.response = error.answeredStatus.map { RecordedResponse(status: $0, headers: [], body: "") }
                result.assertions = []
                result.preconditions = []
                // No answer shows nothing: what an earlier attempt's answer showed is no longer so.
                result.showedPresent = nil
                return
            }
            result.response = redactor.record(exchange.response)
            result.timings = exchange.timings
            if changesState && !(400..<500).contains(exchange.response.status) { result.mayHaveChangedState = true }
            let verdict = StepJudge(schemas: schemas, scenarioFile: file).judge(
                step, preconditions: preconditions, expectations: expectations, response: exchange.response,
                duration: exchange.timings.total, isLastAttempt: attempt == attempts, scope: &scope)
            result.preconditions = verdict.preconditions
            result.assertions = verdict.assertions
            if result.passed {
                result.showedPresent = nil
                return
            }
            result.showedPresent = StepJudge(schemas: schemas, scenarioFile: file).showsPresent(
                step, response: exchange.response, duration: exchange.timings.total, scope: scope)
            // Waiting for a deletion to show helps only while the thing is still shown: an answer
            // that shows neither it gone nor there (a 500, a `null`) ends the retries.
            if result.showedPresent == false { break }
            if attempt < attempts, let interval = step.retry?.interval {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
            }
        }
    }

    /// Records that the run was interrupted before the step's request went out (after its `when:`
    /// and its templates): it changed nothing. Sent then, a write would have had a grace of its own.
    static func markNotSent(_ result: inout StepResult) {
        result.error = "interrupted before its request was sent"
        result.errorKind = "interrupted"
        result.mayHaveChangedState = false
    }

    /// Sends one request. A write (any method but GET, HEAD, OPTIONS and TRACE) in flight when the
    /// run is interrupted may end within ``RunOptions/writeGrace``: its answer tells the teardown
    /// what it created, where one dropped at once may be stored after the teardown checked it
    /// gone. A read is dropped at once; it changes nothing. A teardown's requests have the
    /// teardown's grace (``RunOptions/teardownGrace``), not one more of their own.
    func perform(_ spec: RequestSpec, of step: Step) async throws(TransportError) -> HTTPExchange {
        let client = self.client
        guard !step.isTeardown, !HTTPMethod.isSafe(spec.method) else { return try await client.execute(spec) }
        let result = await withCancellationDelayed(by: options.writeGrace) { () -> Result<HTTPExchange, TransportError> in
            do throws(TransportError) { return .success(try await client.execute(spec)) } catch { return .failure(error) }
        }
        return try result.get()
    }

    /// Sends `copies` of one request at once; counts the statuses for `statuses` and checks
    /// every other precondition and expectation against each answer, reporting the first that
    /// fails. Expectations are judged only when every precondition held.
    func executeConcurrently(
        _ step: Step, _ spec: RequestSpec, copies: Int, preconditions: [Expectation], expectations: [Expectation],
        scope: inout VariableScope, file: String, redactor: Redactor, into result: inout StepResult
    ) async {
        if Task.isCancelled {
            Self.markNotSent(&result)
            return
        }
        let outcomes = await withTaskGroup(of: Result<HTTPExchange, TransportError>.self) { group in
            for _ in 0..<copies {
                group.addTask {
                    do throws(TransportError) { return .success(try await perform(spec, of: step)) } catch { return .failure(error) }
                }
            }
            var outcomes: [Result<HTTPExchange, TransportError>] = []
            for await outcome in group { outcomes.append(outcome) }
            return outcomes
        }
        result.attempts = copies
        result.copiesAtOnce = copies
        var exchanges: [HTTPExchange] = []
        var failures: [TransportError] = []
        for outcome in outcomes {
            switch outcome {
            case .success(let exchange): exchanges.append(exchange)
            case .failure(let error): failures.append(error)
            }
        }
        // Each answer adds what it names (its captures are `append`, `optional`), whatever the
        // verdict and whether or not every copy was answered: they are for cleaning up. A step
        // without captures parses no answer for them.
        var invalidCaptures: [AssertionResult] = []
        for exchange in exchanges where !step.captures.isEmpty {
            let json = try? JSONValue(parsing: exchange.response.body)
            let invalid = StepJudge.capture(step.captures, from: exchange.response, json: json, into: &scope).invalid
            // The same pattern renders the same for every answer: one failure says it.
            if invalidCaptures.isEmpty { invalidCaptures = invalid }
        }
        let changesState = !HTTPMethod.isSafe(spec.method)
        if let failure = failures.first {
            result.mayHaveChangedState = changesState
            result.error = "\(failures.count) of \(copies) requests at once got no answer (\(exchanges.count) answered); the first: \(failure.description)"
            result.errorKind = failure.shortDescription
            // An answered copy shows the deployment was reached: a failed step, not an unreachable run.
            if let shown = exchanges.first {
                result.response = redactor.record(shown.response)
                result.timings = shown.timings
            }
            return
        }
        result.preconditions = judge(preconditions, exchanges: exchanges, file: file)
        result.assertions = result.preconditionsHeld ? judge(expectations, exchanges: exchanges, file: file) : []
        if step.checksOnlyTheAnswer {
            let answers = exchanges.map { StepJudge.answerBelowFourHundred($0.response, step: step) }
            if let first = answers.first(where: { !$0.passed }) ?? answers.first { result.assertions.append(first) }
        }
        // A rendered `regex` that is no regular expression fails the step, as on any step.
        result.assertions += invalidCaptures
        result.mayHaveChangedState = changesState && exchanges.contains { !(400..<500).contains($0.response.status) }
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

    /// A step's label before its request is rendered: `DELETE /events/{{id}}`.
    package static func label(of request: RequestTemplate) -> String {
        switch request.target {
        case .path(let path): "\(request.method.uppercased()) \(path)"
        case .url(let url): "\(request.method.uppercased()) \(url)"
        }
    }

    static func pathOf(_ url: String) -> String {
        guard let components = URLComponents(string: url) else { return url }
        return components.percentEncodedPath + (components.percentEncodedQuery.map { "?\($0)" } ?? "")
    }
}

/// How a step repeats where it starts: `repeat`'s count, its `for_each` list's items as the scope
/// holds them then (read once, so that a capture in the loop, or an item named like its list,
/// changes nothing of the loop), or once.
struct StepRounds {
    /// How many times the step runs; an empty `for_each` list runs it once, to be recorded as skipped.
    let count: Int
    /// Its `for_each` items; nil for any other step.
    let items: [JSONValue]?

    init(of step: Step, in scope: VariableScope) {
        items = step.forEach?.items(in: scope)
        count = step.repetitions ?? items.map { max(1, $0.count) } ?? 1
    }

    /// The `for_each` item of `repetition` (from 1); nil past the list, or for any other step.
    func item(_ repetition: Int) -> JSONValue? {
        guard let items, items.indices.contains(repetition - 1) else { return nil }
        return items[repetition - 1]
    }
}
