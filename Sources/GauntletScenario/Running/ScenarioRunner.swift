public import Foundation
public import GauntletHTTP
import GauntletJSON

/// Runs scenario files through libcurl and gathers the results every report is written from.
///
/// Scenarios run `parallelism` at a time; the steps of one scenario run in order and the first
/// failing step ends it. Teardown steps (the scenario's, then its file's) always run, also
/// after a failure and after the run is cancelled (Ctrl-C), so that nothing a run created is
/// left behind.
public struct ScenarioRunner: Sendable {
    /// The HTTP engine.
    let client: CurlClient
    /// How to run.
    let options: RunOptions
    /// Schema documents, loaded before the run.
    let schemas: SchemaCatalog

    /// - Parameters:
    ///   - client: the libcurl engine to send requests with.
    ///   - options: base URL, variables, headers, selection and parallelism.
    ///   - schemas: the schema documents the files name (``SchemaCatalog/init(for:)``).
    public init(client: CurlClient, options: RunOptions, schemas: SchemaCatalog) {
        self.client = client
        self.options = options
        self.schemas = schemas
    }

    /// The selected scenario instances of `files` (table cases expanded), in order.
    public func plan(_ files: [ScenarioFile]) -> [ScenarioInstance] {
        var instances: [ScenarioInstance] = []
        for (fileIndex, file) in files.enumerated() {
            for scenario in file.scenarios {
                let tags = file.tags.union(scenario.tags)
                guard options.selects(tags: tags) else { continue }
                let cases = scenario.cases.isEmpty ? [[:]] : scenario.cases
                for values in cases {
                    instances.append(ScenarioInstance(
                        fileIndex: fileIndex, file: file, scenario: scenario, caseValues: values,
                        tags: tags, index: instances.count))
                }
            }
        }
        return instances
    }

    /// Runs every selected scenario; `onScenarioFinished` is called as each one ends (for the
    /// console), from any task.
    public func run(
        _ files: [ScenarioFile], onScenarioFinished: @escaping @Sendable (ScenarioResult) -> Void = { _ in }
    ) async -> RunResult {
        let started = Date()
        let clock = ContinuousClock()
        let start = clock.now
        let instances = plan(files)
        var results = [ScenarioResult?](repeating: nil, count: instances.count)
        await withTaskGroup(of: (Int, ScenarioResult?).self) { group in
            var next = 0
            func startNext() {
                guard next < instances.count else { return }
                let instance = instances[next]
                next += 1
                group.addTask {
                    if Task.isCancelled { return (instance.index, nil) }
                    let result = await self.run(instance)
                    onScenarioFinished(result)
                    return (instance.index, result)
                }
            }
            for _ in 0..<options.parallelism { startNext() }
            while let (index, result) = await group.next() {
                results[index] = result
                startNext()
            }
        }
        let interrupted = Task.isCancelled || results.contains { $0 == nil || $0?.outcome == .interrupted }
        let suites = files.enumerated().map { fileIndex, file in
            SuiteResult(
                name: file.suiteName, file: file.path,
                scenarios: zip(instances, results).compactMap { instance, result in
                    instance.fileIndex == fileIndex ? result : nil
                })
        }
        let elapsed = clock.now - start
        return RunResult(
            runID: options.runID, baseURL: options.baseURL, startedAt: started,
            durationSeconds: elapsed.seconds, suites: suites, interrupted: interrupted)
    }

    /// Runs one scenario instance: its steps, then always its teardown.
    public func run(_ instance: ScenarioInstance) async -> ScenarioResult {
        let clock = ContinuousClock()
        let start = clock.now
        var scope = VariableScope(
            overrides: options.variables,
            constants: [
                "run_id": options.runID, "base_url": options.baseURL,
                "scenario_uid": "\(options.runID)-s\(instance.index)",
            ])
        scope = scope.adding(instance.file.variables).adding(instance.scenario.variables).adding(instance.caseValues)
        scope = scope.adding([:])  // captures land in their own layer
        let name = (try? Template(instance.scenario.name).render(in: scope)) ?? instance.scenario.name
        let renderer = RequestRenderer(
            baseURL: options.baseURL, defaultHeaders: instance.file.headers, commandLineHeaders: options.headers,
            transfer: options.transfer)

        var steps: [StepResult] = []
        var outcome = ScenarioResult.Outcome.passed
        for step in instance.scenario.steps {
            if Task.isCancelled {
                outcome = .interrupted
                break
            }
            let result = await execute(step, scope: &scope, renderer: renderer, file: instance.file.path)
            steps.append(result)
            if Task.isCancelled && !result.passed {
                outcome = .interrupted
                break
            }
            if result.error != nil {
                outcome = .errored
                break
            }
            if !result.passed {
                outcome = .failed
                break
            }
        }

        // Teardown runs in a task of its own so that a cancelled run still cleans up.
        let teardownSteps = instance.scenario.teardown + instance.file.teardown
        let finalScope = scope
        let teardown = await Task {
            var scope = finalScope
            var results: [StepResult] = []
            for step in teardownSteps {
                results.append(await self.execute(step, scope: &scope, renderer: renderer, file: instance.file.path))
            }
            return results
        }.value

        return ScenarioResult(
            name: name, tags: instance.tags.sorted(), location: instance.scenario.location, outcome: outcome,
            steps: steps, teardown: teardown, durationSeconds: (clock.now - start).seconds)
    }

    /// Sends one step's request (retrying while expectations fail and attempts remain), checks
    /// the response and captures values into `scope`.
    func execute(_ step: Step, scope: inout VariableScope, renderer: RequestRenderer, file: String) async -> StepResult {
        var result = StepResult(name: step.name ?? "", location: step.location)
        let spec: RequestSpec
        let expectations: [Expectation]
        do {
            spec = try renderer.render(step.request, in: scope)
            expectations = try step.expectations.map { expectation throws(TemplateError) in try Self.render(expectation, in: scope) }
        } catch {
            result.error = "\(step.request.location): \(error.message)"
            result.errorKind = "template"
            return result
        }
        if result.name.isEmpty { result.name = "\(spec.method) \(Self.pathOf(spec.url))" }
        let redactor = Redactor(secrets: options.secrets)
        result.request = redactor.record(spec)
        result.curlCommand = redactor.text(CurlCommand(spec).description)

        if let copies = step.concurrent {
            await executeConcurrently(spec, copies: copies, expectations: expectations, file: file, redactor: redactor, into: &result)
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
                return result
            }
            result.response = redactor.record(exchange.response)
            result.timings = exchange.timings
            let evaluator = AssertionEvaluator(
                response: exchange.response, duration: exchange.timings.total, schemas: schemas, scenarioFile: file)
            result.assertions = expectations.map(evaluator.evaluate)
            if result.passed {
                Self.capture(step.captures, from: exchange.response, json: try? evaluator.json.get(), into: &scope, result: &result)
                return result
            }
            if attempt < attempts, let interval = step.retry?.interval {
                try? await Task.sleep(for: interval)
                if Task.isCancelled { break }
            }
        }
        return result
    }

    /// Sends `copies` of one request at once; counts the statuses for `statuses` and checks
    /// every other expectation against each answer, reporting the first that fails.
    func executeConcurrently(
        _ spec: RequestSpec, copies: Int, expectations: [Expectation], file: String, redactor: Redactor,
        into result: inout StepResult
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
        var counts: [Int: Int] = [:]
        for exchange in exchanges { counts[exchange.response.status, default: 0] += 1 }
        let seen = counts.sorted { $0.key < $1.key }.map { "\($0.value)×\($0.key)" }.joined(separator: ", ")
        for expectation in expectations {
            if case .statuses(let wanted) = expectation.subject {
                let expected = wanted.sorted { $0.key < $1.key }.map { "\($0.value.preview())×\($0.key)" }.joined(separator: ", ")
                let holds = wanted.allSatisfy { status, count in count.intValue == Int64(counts[status] ?? 0) }
                result.assertions.append(AssertionResult(
                    subject: "statuses of \(copies) concurrent requests", expected: expected, actual: seen,
                    passed: holds, location: expectation.location))
                continue
            }
            let verdicts = exchanges.map { exchange in
                AssertionEvaluator(response: exchange.response, duration: exchange.timings.total, schemas: schemas, scenarioFile: file)
                    .evaluate(expectation)
            }
            result.assertions.append(verdicts.first { !$0.passed } ?? verdicts[0])
        }
        if let shown = exchanges.first(where: { $0.response.status >= 400 }) ?? exchanges.first {
            result.response = redactor.record(shown.response)
            result.timings = shown.timings
        }
    }

    static func capture(
        _ captures: [Capture], from response: ReceivedResponse, json: JSONValue?, into scope: inout VariableScope,
        result: inout StepResult
    ) {
        for capture in captures {
            var value: JSONValue?
            switch capture.source {
            case .status: value = .integer(Int64(response.status))
            case .header(let name): value = response.header(name).map(JSONValue.string)
            case .jsonPath(let text):
                if let json, let path = try? JSONPath((try? Template(text).render(in: scope)) ?? text) {
                    let nodes = path.evaluate(json)
                    value = path.isSingular ? nodes.first : .array(nodes)
                }
            }
            guard let value else {
                result.assertions.append(AssertionResult(
                    subject: "capture \(capture.variable)", expected: "a value to capture", actual: "(no match)",
                    passed: false, location: capture.location))
                continue
            }
            scope.set(capture.variable, to: value)
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

/// One scenario to run: a scenario of a file, with one case's values.
public struct ScenarioInstance: Sendable {
    let fileIndex: Int
    let file: ScenarioFile
    let scenario: Scenario
    let caseValues: [String: JSONValue]
    let tags: Set<String>
    /// Position in the run, for `{{scenario_uid}}`.
    let index: Int
}

extension Duration {
    /// The duration in seconds as a Double.
    var seconds: Double { Double(components.seconds) + Double(components.attoseconds) / 1e18 }
}
