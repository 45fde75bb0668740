import Foundation
import GauntletJSON
package import Yams

/// Loads scenario files, checking every key and value before anything is sent.
///
/// All problems of all files are collected and thrown together as a ``ScenarioLoadError``, each
/// naming file, line and column, so that one run shows every mistake.
public enum ScenarioLoader {
    /// Loads every `.yaml`/`.yml` file under `paths` (files or folders, folders recursively, in
    /// name order; `README` and files starting with `_` are skipped).
    /// - Throws: ``ScenarioLoadError`` with every problem found.
    public static func load(paths: [String]) throws(ScenarioLoadError) -> [ScenarioFile] {
        var files: [ScenarioFile] = []
        var diagnostics: [ScenarioDiagnostic] = []
        var named: Set<String> = []
        for path in paths {
            let found: [String]
            do { found = try scenarioFiles(at: path) } catch { diagnostics.append(error); continue }
            // A file named twice (a folder and a file in it) runs once.
            for file in found where named.insert(URL(fileURLWithPath: file).standardizedFileURL.path).inserted {
                do { files.append(try load(contentsOf: file)) } catch { diagnostics += error.diagnostics }
            }
        }
        diagnostics += sharedTestcaseNames(in: files)
        if !diagnostics.isEmpty { throw ScenarioLoadError(diagnostics) }
        return files
    }

    /// Scenarios of two files with one suite name and one scenario name (a copied file whose
    /// `suite:` was kept) would be two JUnit testcases of one classname and name: CI tools key
    /// results on the pair, merge them or keep one, and a failure could hide behind a pass.
    static func sharedTestcaseNames(in files: [ScenarioFile]) -> [ScenarioDiagnostic] {
        var first: [String: String] = [:]  // "suite\u{0}scenario" → the file that has it
        var diagnostics: [ScenarioDiagnostic] = []
        for file in files {
            for scenario in file.scenarios where !scenario.name.contains("{{") && scenario.cases.isEmpty {
                let key = file.suiteName + "\u{0}" + scenario.name
                if let other = first[key], other != file.path {
                    diagnostics.append(ScenarioDiagnostic(
                        "suite '\(file.suiteName)' of \(other) has a scenario named '\(scenario.name)' too; give this file a suite: "
                            + "of its own (JUnit tells testcases apart by suite and name)",
                        at: scenario.location))
                } else {
                    first[key] = file.path
                }
            }
        }
        return diagnostics
    }

    /// Loads one scenario file.
    /// - Throws: ``ScenarioLoadError`` with every problem in the file.
    public static func load(contentsOf path: String) throws(ScenarioLoadError) -> ScenarioFile {
        try parse(yaml: try text(of: path), path: path)
    }

    /// A file's text (a scenario or load file's).
    /// - Throws: ``ScenarioLoadError`` when it cannot be read or is not UTF-8.
    package static func text(of path: String) throws(ScenarioLoadError) -> String {
        let origin = ScenarioLocation(file: path, line: 1, column: 1)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ScenarioLoadError([ScenarioDiagnostic("cannot read the file", at: origin)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ScenarioLoadError([ScenarioDiagnostic("the file is not valid UTF-8", at: origin)])
        }
        return text
    }

    /// The YAML tree of a scenario or load file's text.
    /// - Throws: ``ScenarioLoadError`` for a syntax error (at its line and column) or an empty file.
    package static func compose(yaml: String, path: String) throws(ScenarioLoadError) -> Node {
        let root: Node?
        do {
            root = try Yams.compose(yaml: yaml)
        } catch {
            throw ScenarioLoadError([ScenarioDiagnostic(yamlError: error, file: path)])
        }
        guard let root else {
            throw ScenarioLoadError([ScenarioDiagnostic(
                "the file is empty; it needs at least 'scenarios:'", at: ScenarioLocation(file: path, line: 1, column: 1))])
        }
        if let crossing = nodeBeyondLimit(in: root) {
            throw ScenarioLoadError([ScenarioDiagnostic(
                "the file expands to more than \(expandedNodeLimit) YAML nodes (aliases that repeat anchors that repeat "
                    + "anchors?); reading it would take unbounded time and memory",
                at: ScenarioLocation(file: path, line: crossing.mark?.line ?? 1, column: crossing.mark?.column ?? 1))])
        }
        return root
    }

    /// How many nodes a file may expand to, aliases counted each time they are used: a YAML file
    /// of a few lines can otherwise stand for billions ("billion laughs"), which every reader
    /// of the tree would walk. A scenario file of a few thousand lines has some thousands.
    static let expandedNodeLimit = 1_000_000

    /// The node at which the tree, walked with aliases expanded, passes ``expandedNodeLimit``;
    /// nil when it stays within it. Stops there, so the walk itself is bounded.
    static func nodeBeyondLimit(in root: Node) -> Node? {
        var pending = [root]
        var count = 0
        while let node = pending.popLast() {
            count += 1
            if count > expandedNodeLimit { return node }
            switch node {
            case .scalar, .alias: break
            case .sequence(let sequence): pending.append(contentsOf: sequence)
            case .mapping(let mapping):
                for (key, value) in mapping {
                    pending.append(key)
                    pending.append(value)
                }
            }
        }
        return nil
    }

    /// Parses scenario YAML; `path` is used for locations and to name the suite.
    /// - Throws: ``ScenarioLoadError`` with every problem in the text.
    public static func parse(yaml: String, path: String) throws(ScenarioLoadError) -> ScenarioFile {
        let root = try compose(yaml: yaml, path: path)
        var reader = YAMLReader(file: path)
        var extras: [String: Node] = [:]
        let file = reader.scenarioFile(root, path: path, extras: &extras)
        if !reader.diagnostics.isEmpty { throw ScenarioLoadError(reader.diagnostics) }
        return file!
    }

    static func scenarioFiles(at path: String) throws(ScenarioDiagnostic) -> [String] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            throw ScenarioDiagnostic("no such file or folder", at: ScenarioLocation(file: path, line: 1, column: 1))
        }
        guard isDirectory.boolValue else { return [path] }
        let base = URL(fileURLWithPath: path)
        guard let enumerator = FileManager.default.enumerator(atPath: path) else { return [] }
        var result: [String] = []
        for case let relative as String in enumerator {
            let name = (relative as NSString).lastPathComponent
            guard name.hasSuffix(".yaml") || name.hasSuffix(".yml"), !name.hasPrefix("_") else { continue }
            result.append(base.appendingPathComponent(relative).path)
        }
        return result.sorted()
    }
}

// MARK: - Reading the model

extension YAMLReader {
    /// The keys of a scenario file.
    static let scenarioFileKeys = [
        "suite", "description", "tags", "variables", "headers", "scenarios", "teardown", "expect_nothing_left_behind",
    ]

    /// Reads a scenario file's tree. `extraKeys` are top-level keys another reader owns (a load
    /// file's `load:`); their nodes are handed back in `extras`, for that reader to read with the
    /// same diagnostics.
    package mutating func scenarioFile(
        _ root: Node, path: String, extraKeys: [String] = [], extras: inout [String: Node]
    ) -> ScenarioFile? {
        // `load:` is always understood, so that `gauntlet run` on a load file says what it is.
        let allowed = Self.scenarioFileKeys + Set(extraKeys + ["load"]).sorted()
        guard let members = members(of: root, in: "a scenario file", allowed: allowed) else { return nil }
        var file = ScenarioFile(
            path: path,
            suiteName: ((path as NSString).lastPathComponent as NSString).deletingPathExtension,
            scenarios: [])
        var sawScenarios = false
        for (key, value, keyNode) in members {
            switch key {
            case "suite": file.suiteName = string(value, "suite") ?? file.suiteName
            case "description": _ = string(value, "description")
            case "tags": file.tags = Set(stringList(value, "tags"))
            case "variables": file.variables = variables(value)
            case "headers": file.headers = headers(value)
            case "teardown": file.teardown = sequence(value, "teardown").compactMap { step($0, inTeardown: true) }
            case "expect_nothing_left_behind": file.expectNothingLeftBehind = bool(value, key) ?? false
            case "scenarios":
                sawScenarios = true
                file.scenarios = sequence(value, "scenarios").compactMap { scenario($0) }
            default:
                if extraKeys.contains(key) {
                    extras[key] = value
                } else {
                    error("'load:' makes this a load file: run it with 'gauntlet load', which also runs its scenarios", at: keyNode)
                }
            }
        }
        if !sawScenarios { error("a scenario file needs a 'scenarios:' list", at: root) }
        reportDuplicateNames(of: file.scenarios)
        file.templates = templateUses
        templateUses = []
        return file
    }

    /// Two scenarios of a file written with one name (no placeholder, no rows to tell them apart)
    /// would be two testcases of one name: JUnit readers merge or overwrite them, and a failure
    /// could hide behind a pass.
    mutating func reportDuplicateNames(of scenarios: [Scenario]) {
        var first: [String: ScenarioLocation] = [:]
        for scenario in scenarios where !scenario.name.contains("{{") && scenario.cases.isEmpty {
            if let earlier = first[scenario.name] {
                diagnostics.append(ScenarioDiagnostic(
                    "a scenario named '\(scenario.name)' is already at line \(earlier.line); give each scenario a name of its own "
                        + "(reports and JUnit tell testcases apart by name)",
                    at: scenario.location))
            } else {
                first[scenario.name] = scenario.location
            }
        }
    }

    mutating func scenario(_ node: Node) -> Scenario? {
        guard let members = members(
            of: node, in: "a scenario",
            allowed: [
                "name", "description", "tags", "variables", "cases", "cases_from", "when", "repeat", "steps", "teardown",
                "expect_nothing_left_behind",
            ])
        else { return nil }
        let firstTemplate = templateUses.count
        defer { templateUses.removeSubrange(firstTemplate...) }
        var scenario = Scenario(name: "", steps: [], location: location(of: node))
        var sawName = false
        var sawSteps = false
        var rowSources: [Node] = []
        for (key, value, keyNode) in members {
            switch key {
            case "name":
                sawName = true
                // `name:` with nothing is null, which `templateString` reports.
                if let name = templateString(value, "name") {
                    scenario.name = name
                    if name.allSatisfy(\.isWhitespace) {
                        error("a scenario's name is empty: the console and JUnit name each testcase by it", at: value)
                    }
                }
            case "description": _ = string(value, "description")
            case "tags": scenario.tags = Set(stringList(value, "tags"))
            case "variables": scenario.variables = variables(value)
            case "cases":
                rowSources.append(keyNode)
                scenario.cases = sequence(value, "cases").map { variables($0) }
                if scenario.cases.isEmpty { error("'cases' must list at least one case", at: value) }
            case "cases_from":
                rowSources.append(keyNode)
                scenario.cases = casesFrom(value)
            case "when":
                let firstConditionUse = templateUses.count
                scenario.condition = condition(value)
                for index in templateUses.indices[firstConditionUse...] { templateUses[index].isReadBeforeSteps = true }
            case "repeat": scenario.repetitions = int(value, "repeat", minimum: 1)
            case "steps":
                sawSteps = true
                let nodes = sequence(value, "steps")
                scenario.steps = nodes.compactMap { step($0) }
                if nodes.isEmpty, case .sequence = value { error("'steps' must list at least one step", at: value) }
            case "teardown": scenario.teardown = sequence(value, "teardown").compactMap { step($0, inTeardown: true) }
            case "expect_nothing_left_behind": scenario.expectNothingLeftBehind = bool(value, key) ?? false
            default: break
            }
        }
        if rowSources.count > 1 { error("give either 'cases' or 'cases_from', not both", at: rowSources[1]) }
        if !sawName { error("a scenario needs a 'name'", at: node) }
        if !sawSteps { error("a scenario needs 'steps'", at: node) }
        if let guarded = scenario.condition?.guardedNames, !guarded.isEmpty {
            for index in templateUses.indices[firstTemplate...] where !templateUses[index].isCondition {
                templateUses[index].guardedNames.formUnion(guarded)
            }
        }
        scenario.templates = Array(templateUses[firstTemplate...])
        return scenario
    }

    /// `cases_from: data.csv`: the rows of a data file, its path relative to the scenario file.
    mutating func casesFrom(_ node: Node) -> [[String: JSONValue]] {
        guard let named = string(node, "cases_from") else { return [] }
        let folder = (file as NSString).deletingLastPathComponent
        let path = named.hasPrefix("/") || folder.isEmpty ? named : (folder as NSString).appendingPathComponent(named)
        guard FileManager.default.fileExists(atPath: path) else {
            error("cases_from: no such file '\(path)' (a path relative to the scenario file)", at: node)
            return []
        }
        do {
            let table = try DataTable.load(contentsOf: path)
            templateUses += table.templates
            return table.rows
        } catch {
            diagnostics += error.diagnostics
            return []
        }
    }

    package mutating func step(_ node: Node, inTeardown: Bool = false) -> Step? {
        guard let members = members(
            of: node, in: "a step",
            allowed: [
                "name", "description", "request", "given", "expect", "capture", "retry", "concurrent", "when", "left_behind",
                "repeat", "for_each", "delay",
            ])
        else { return nil }
        let firstTemplate = templateUses.count
        var name: String?
        var request: RequestTemplate?
        var expectations: [Expectation] = []
        var preconditions: [Expectation] = []
        var condition: WhenCondition?
        var repetitions: Int?
        var forEach: StepForEach?
        var delay: Duration?
        var leftBehind: String?
        var leftBehindPresence: [Expectation] = []
        var captures: [Capture] = []
        var retry: RetryPolicy?
        var concurrent: Int?
        for (key, value, keyNode) in members {
            switch key {
            case "name": name = string(value, "name")
            case "description": _ = string(value, "description")
            case "request": request = self.request(value)
            case "expect": expectations = expect(value)
            case "given": preconditions = expect(value, in: "given")
            case "when": condition = self.condition(value)
            case "left_behind":
                if case .mapping = value {
                    // The long form: a label, and the answer that shows the thing still there.
                    for (field, fieldValue, _) in self.members(of: value, in: "'left_behind'", allowed: ["label", "present"]) ?? [] {
                        switch field {
                        case "label": leftBehind = templateString(fieldValue, "label")
                        case "present": leftBehindPresence = expect(fieldValue, in: "present")
                        default: break
                        }
                    }
                    if leftBehind == nil { error("'left_behind' needs a 'label': what the step leaves behind when it fails", at: value) }
                } else {
                    leftBehind = templateString(value, "left_behind")
                }
                if !inTeardown {
                    error("'left_behind' labels what a failed teardown step leaves behind; put it on a teardown step", at: keyNode)
                }
            case "capture": captures = capture(value)
            case "retry": retry = self.retry(value)
            // Each copy is a connection at once, and each round a result the run keeps.
            case "concurrent": concurrent = int(value, "concurrent", minimum: 2, maximum: Step.maxConcurrentCopies)
            case "repeat": repetitions = int(value, "repeat", minimum: 1, maximum: Step.maxRepetitions)
            case "for_each": forEach = self.forEach(value)
            case "delay": delay = duration(value, "delay")
            default: break
            }
        }
        if let guarded = condition?.guardedNames, !guarded.isEmpty {
            for index in templateUses.indices[firstTemplate...] where !templateUses[index].isCondition {
                templateUses[index].guardedNames.formUnion(guarded)
            }
        }
        guard let request else {
            if !members.contains(where: { $0.key == "request" }) { error("a step needs a 'request'", at: node) }
            return nil
        }
        let countsStatuses = (expectations + preconditions).contains { if case .statuses = $0.subject { true } else { false } }
        if countsStatuses && concurrent == nil {
            error("'statuses' counts the answers of a 'concurrent' step; add 'concurrent: N'", at: node)
        }
        if let concurrent {
            // Counts of more answers than the step gets could never all hold.
            for case .statuses(let counts) in (expectations + preconditions).map(\.subject) {
                // Each count clamped, so that no sum overflows (a count of 2^63 - 1 is one too many already).
                let literal = counts.sorted { $0.key < $1.key }.compactMap(\.value.intValue)
                if literal.reduce(0, { $0 + min(Int($1), concurrent + 1) }) > concurrent {
                    let written = literal.map(String.init).joined(separator: " + ")
                    error("'statuses' counts \(written) answers, and 'concurrent: \(concurrent)' sends \(concurrent) copies: the check could never hold", at: node)
                }
            }
        }
        if concurrent != nil && retry != nil {
            error("a 'concurrent' step takes no 'retry'", at: node)
        }
        // One variable cannot hold a value from each of N answers unless it is a list that each
        // adds to, and some answers (the 409s of a race) have nothing to give.
        if concurrent != nil && !captures.allSatisfy({ $0.appends && $0.optional }) {
            error("a 'concurrent' step's captures take a value from each answer that has one: write 'append: true, optional: true'", at: node)
        }
        if concurrent != nil && repetitions != nil {
            error("a step takes either 'concurrent' (copies at once) or 'repeat' (one after another), not both", at: node)
        }
        if forEach != nil && (repetitions != nil || concurrent != nil) {
            error("a step takes one of 'for_each', 'repeat' and 'concurrent'", at: node)
        }
        var step = Step(
            name: name, request: request, expectations: expectations, preconditions: preconditions, condition: condition,
            leftBehind: leftBehind, leftBehindPresence: leftBehindPresence, captures: captures, retry: retry, concurrent: concurrent,
            repetitions: repetitions, forEach: forEach, delay: delay, location: location(of: node))
        step.isTeardown = inTeardown
        return step
    }

    /// `for_each: { in: LIST, as: NAME }`: two variable names.
    mutating func forEach(_ node: Node) -> StepForEach? {
        guard let members = members(of: node, in: "for_each", allowed: ["in", "as"]) else { return nil }
        var list: String?, name: String?
        for (key, value, _) in members {
            guard let text = string(value, key) else { continue }
            guard VariablesFile.isName(text) else {
                error("'\(text)' is not a variable name (letters, digits, '_' and '-', not starting with a digit)", at: value)
                continue
            }
            if key == "in" {
                list = text
                // Checked as a condition's name is: a list nothing sets would run the step no time,
                // which reads as skipped, so a misspelt cleanup would delete nothing unreported.
                if let placeholder = try? Placeholder(parsing: text) {
                    templateUses.append(TemplateUse(
                        placeholders: [placeholder], location: location(of: value), isCondition: true,
                        conditionText: "for_each: { in: \(text) }"))
                }
            } else {
                name = text
            }
        }
        guard let list, let name else {
            if !Set(members.map(\.key)).isSuperset(of: ["in", "as"]) {
                error("for_each needs 'in' (the list variable) and 'as' (the name of each item)", at: node)
            }
            return nil
        }
        return StepForEach(list: list, name: name)
    }

    /// `when:` on a step or a scenario: `defined: NAME`, and `NAME: predicates` as in
    /// `expect.jsonpath` (a scalar or list is shorthand for `equals`); every clause must hold.
    mutating func condition(_ node: Node) -> WhenCondition? {
        let written = pairs(of: node, in: "when")
        guard case .mapping = node else { return nil }
        guard !written.isEmpty else {
            error("'when' needs a condition, as in 'when: { defined: created_id }' or 'when: { created_status: 201 }'", at: node)
            return nil
        }
        var clauses: [WhenCondition.Clause] = []
        for (key, value, keyNode) in written {
            let nameNode = key == "defined" ? value : keyNode
            guard let name = key == "defined" ? string(value, "defined") : key else { continue }
            let placeholder: Placeholder
            do { placeholder = try Placeholder(parsing: name) } catch {
                self.error("'when' takes variable names, as in 'defined: created_id' or 'created_status: 201': \(error.message)", at: nameNode)
                continue
            }
            guard placeholder.filters.isEmpty, !name.contains("{{"), !name.contains("}}") else {
                error("'when' takes variable names without braces or filters, as in 'defined: created_id' or 'created_status: 201'", at: nameNode)
                continue
            }
            let text = key == "defined" ? "defined: \(name)" : "when: \(name)"
            templateUses.append(TemplateUse(placeholders: [placeholder], location: location(of: nameNode), isCondition: true, conditionText: text))
            if key == "defined" {
                clauses.append(.defined(name))
            } else {
                for predicate in predicates(value, for: "when '\(name)'") { clauses.append(.value(name, predicate)) }
            }
        }
        return clauses.isEmpty ? nil : WhenCondition(clauses, location: location(of: node))
    }

    mutating func request(_ node: Node) -> RequestTemplate? {
        guard let members = members(
            of: node, in: "a request",
            allowed: ["method", "path", "url", "headers", "json", "body", "body_base64", "body_repeat", "omit", "merge"])
        else { return nil }
        var method = "GET"
        var target: RequestTemplate.Target?
        var headers: [HeaderTemplate] = []
        var body: RequestTemplate.Body?
        var omit: [String] = []
        var merge: [String: JSONValue] = [:]
        var bodyKeys: [String] = []
        for (key, value, keyNode) in members {
            switch key {
            case "method":
                method = templateString(value, "method") ?? method
                // A templated method is checked when it is filled (RequestRenderer).
                if !method.contains("{{"), let problem = RequestSyntax.methodProblem(method) { error(problem, at: value) }
            case "path", "url":
                if target != nil { error("give either 'path' or 'url', not both", at: keyNode) }
                guard let text = templateString(value, key) else { continue }
                if let problem = RequestSyntax.urlProblem(text, what: key) { error(problem, at: value) }
                // A written URL is known now: one that is no http(s) URL would only fail when sent.
                if key == "url", !text.contains("{{"), !Self.isHTTPURL(text) {
                    error("url must be an absolute http:// or https:// URL, found '\(text)' (a path joined to --base-url is 'path')", at: value)
                }
                target = key == "path" ? .path(text) : .url(text)
            case "headers": headers = self.headers(value)
            case "omit":
                omit = stringList(value, "omit")
                let items: [Node] = if case .sequence(let sequence) = value { Array(sequence) } else { [value] }
                for item in items { if case .scalar(let scalar) = item { template(scalar.string, at: item) } }
            case "merge":
                for (mergeKey, _, mergeKeyNode) in pairs(of: value, in: "merge") { template(mergeKey, at: mergeKeyNode) }
                merge = variables(value)
            case "json":
                bodyKeys.append(key)
                body = .json(json(value), omit: [], merge: [:])
            case "body":
                bodyKeys.append(key)
                body = templateString(value, "body").map(RequestTemplate.Body.text)
            case "body_base64":
                bodyKeys.append(key)
                body = templateString(value, "body_base64").map(RequestTemplate.Body.base64)
                if case .base64(let text)? = body, !text.contains("{{"), Data(base64Encoded: text) == nil {
                    error("body_base64 is not valid base64", at: value)
                }
            case "body_repeat":
                bodyKeys.append(key)
                body = bodyRepeat(value)
            default: break
            }
            if bodyKeys.count > 1 && bodyKeys.last == key {
                error("a request has one body: give only one of json, body, body_base64, body_repeat", at: keyNode)
            }
        }
        if !omit.isEmpty || !merge.isEmpty {
            if case .json(let value, _, _) = body { body = .json(value, omit: omit, merge: merge) } else {
                error("'omit' and 'merge' edit a 'json' body; this request has none", at: node)
            }
        }
        guard let target else {
            error("a request needs a 'path' (joined to the base URL) or a 'url'", at: node)
            return nil
        }
        return RequestTemplate(method: method, target: target, headers: headers, body: body, location: location(of: node))
    }

    /// Whether `text` is an absolute URL with an `http` or `https` scheme and a host.
    static func isHTTPURL(_ text: String) -> Bool {
        guard let components = URLComponents(string: text), let scheme = components.scheme?.lowercased() else { return false }
        return (scheme == "http" || scheme == "https") && !(components.host ?? "").isEmpty
    }

    mutating func bodyRepeat(_ node: Node) -> RequestTemplate.Body? {
        guard let members = members(of: node, in: "body_repeat", allowed: ["text", "count"]) else { return nil }
        var text: String?
        var count: Int?
        var countNode = node
        for (key, value, _) in members {
            if key == "text" {
                text = string(value, "text")
                // The text is repeated as written (its size is known before any request): a
                // placeholder would be sent as its braces, so say so rather than send that.
                if let text, text.contains("{{") {
                    error("body_repeat's text is repeated as written, not filled in: write the text itself, without '{{'", at: value)
                }
            } else {
                (count, countNode) = (int(value, "count", minimum: 1), value)
            }
        }
        guard let text, let count else {
            error("body_repeat needs 'text' and 'count'", at: node)
            return nil
        }
        let (size, overflow) = text.utf8.count.multipliedReportingOverflow(by: count)
        guard !overflow, size <= Self.repeatedBodyLimit else {
            error(
                "body_repeat makes a body of \(overflow ? "more than \(Int.max)" : "\(size)") bytes; a request body is at most "
                    + "\(Self.repeatedBodyLimit) bytes (64 MiB)", at: countNode)
            return nil
        }
        return .repeated(text, count: count)
    }

    /// The largest body `body_repeat` may make: far over any gateway's limit (API Gateway's is
    /// 10 MB), and small enough that a run's memory stays bounded.
    static let repeatedBodyLimit = 64 << 20

    mutating func headers(_ node: Node) -> [HeaderTemplate] {
        pairs(of: node, in: "headers").compactMap { key, value, keyNode in
            if Self.isMergeKey(keyNode) {
                error(Self.mergeKeyOutsideJSON("headers"), at: keyNode)
                return nil
            }
            template(key, at: keyNode)
            guard let text = templateString(value, "the value of header '\(key)'") else { return nil }
            // What templates fill is checked when they are filled (RequestRenderer).
            if !key.contains("{{"), let problem = RequestSyntax.headerNameProblem(key) { error(problem, at: keyNode) }
            if let problem = RequestSyntax.headerValueProblem(name: key, value: text) { error(problem, at: value) }
            return HeaderTemplate(name: key, value: text)
        }
    }

    mutating func retry(_ node: Node) -> RetryPolicy? {
        guard let members = members(of: node, in: "retry", allowed: ["times", "interval"]) else { return nil }
        var policy = RetryPolicy(times: 3, interval: .milliseconds(200))
        for (key, value, _) in members {
            if key == "times" {
                policy.times = int(value, "times", minimum: 1) ?? policy.times
            } else {
                policy.interval = duration(value, "interval") ?? policy.interval
            }
        }
        return policy
    }

    mutating func capture(_ node: Node) -> [Capture] {
        pairs(of: node, in: "capture").compactMap { name, value, keyNode in
            let at = location(of: keyNode)
            if case .scalar = value, let path = templateString(value, "capture '\(name)'") {
                return validJSONPath(path, at: value) ? Capture(variable: name, source: .jsonPath(path), location: at) : nil
            }
            guard let members = members(
                of: value, in: "capture '\(name)'", allowed: ["jsonpath", "header", "status", "regex", "optional", "append"])
            else { return nil }
            var optional = false
            var appends = false
            var source: Capture.Source?
            var sources = 0
            for (key, inner, _) in members {
                switch key {
                case "optional":
                    optional = bool(inner, "optional") ?? false
                case "append":
                    appends = bool(inner, "append") ?? false
                case "jsonpath":
                    sources += 1
                    if let path = templateString(inner, "jsonpath"), validJSONPath(path, at: inner) { source = .jsonPath(path) }
                case "header":
                    sources += 1
                    source = string(inner, "header").map(Capture.Source.header)
                case "regex":
                    sources += 1
                    if let pattern = templateString(inner, "regex"), validPattern(pattern, at: inner) { source = .regex(pattern) }
                default:
                    sources += 1
                    source = .status
                }
            }
            guard sources == 1 else {
                error(
                    "capture '\(name)' takes one of: jsonpath, header, status, regex (and optionally 'optional: true', 'append: true')",
                    at: value)
                return nil
            }
            return source.map { Capture(variable: name, source: $0, optional: optional, appends: appends, location: at) }
        }
    }

    /// Whether a capture's `regex` is a regular expression (one with placeholders is checked
    /// once rendered: one that is none then fails its step).
    mutating func validPattern(_ pattern: String, at node: Node) -> Bool {
        if let template = try? Template(pattern), !template.isLiteral { return true }
        guard MatchesPattern.compile(pattern) == nil else { return true }
        error("invalid regular expression '\(pattern)'", at: node)
        return false
    }

    mutating func validJSONPath(_ text: String, at node: Node) -> Bool {
        // Paths with placeholders are checked once rendered.
        if let template = try? Template(text), !template.isLiteral { return true }
        let path: JSONPath
        do {
            path = try JSONPath(text)
        } catch {
            self.error("invalid JSONPath '\(text)': \(error)", at: node)
            return false
        }
        // RFC 9535 reads a call with a pattern that is no regular expression as false for every
        // node; written in a scenario, it is a mistake that would pass `count: 0` forever.
        let invalid = path.invalidLiteralPatterns
        for pattern in invalid {
            error("invalid regular expression '\(pattern)' in JSONPath '\(text)': match() and search() with it would hold for no node", at: node)
        }
        return invalid.isEmpty
    }
}
