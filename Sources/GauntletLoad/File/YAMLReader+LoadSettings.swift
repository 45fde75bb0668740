import GauntletHTTP
import GauntletScenario
import Yams

/// Reads a load file's `load:` block with the scenario reader, so that its problems are
/// diagnostics like the rest of the file's: all of them, each at `file:line:column`.
extension YAMLReader {
    static let loadKeys = [
        "model", "rate", "stages", "vus", "think_time", "phases", "duration", "iterations", "max_in_flight", "loops",
        "timeout", "late_start_tolerance", "cold_start", "thresholds", "weights", "setup", "teardown", "base_url",
        "scenario_files",
    ]

    mutating func loadSettings(_ node: Node) -> LoadSettings {
        var settings = LoadSettings(node: node)
        guard let members = members(of: node, in: "the load block", allowed: Self.loadKeys) else { return settings }
        let fields = Dictionary(members.map { ($0.key, (key: $0.keyNode, value: $0.value)) }, uniquingKeysWith: { first, _ in first })
        settings.model = model(fields, at: node)
        for (key, value, _) in members {
            switch key {
            case "duration": settings.duration = positive(duration(value, "duration"), value, "duration")
            case "iterations": settings.iterations = int(value, "iterations", minimum: 1)
            case "max_in_flight": settings.maxInFlight = int(value, "max_in_flight", minimum: 1)
            case "loops": settings.loops = int(value, "loops", minimum: 1)
            case "timeout": settings.timeout = positive(duration(value, "timeout"), value, "timeout")
            case "late_start_tolerance": settings.lateStartTolerance = duration(value, "late_start_tolerance")
            case "cold_start": (settings.coldStart, settings.coldStartLogs) = coldStart(value)
            case "thresholds":
                for node in sequence(value, "thresholds") {
                    guard let threshold = threshold(node) else { continue }
                    settings.thresholds.append(threshold)
                    settings.thresholdNodes.append(node)
                }
            case "weights":
                for (name, weight, _) in pairs(of: value, in: "weights") {
                    if let count = int(weight, "a weight", minimum: 1) { settings.weights.append((name, count, weight)) }
                }
            case "setup": settings.setup = sequence(value, "setup").compactMap { step($0) }
            case "teardown": settings.teardown = sequence(value, "teardown").compactMap { step($0, inTeardown: true) }
            case "base_url":
                settings.baseURL = string(value, "base_url")
                if let url = settings.baseURL, let problem = BaseURLRule.problem(in: url) { error("base_url \(problem)", at: value) }
            case "scenario_files":
                settings.scenarioFiles = stringList(value, "scenario_files").map { ($0, value) }
            default: break
            }
        }
        return settings
    }

    /// A threshold: its text (`p99<250ms`), or a mapping that may make it abort the load,
    /// `{threshold: "errors<1%", abort: true, grace: 10s}` (see ``AbortRule``).
    mutating func threshold(_ node: Node) -> Threshold? {
        if case .mapping = node {
            guard let fields = members(of: node, in: "a threshold", allowed: ["threshold", "abort", "grace"]) else { return nil }
            let values = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            guard let textNode = values["threshold"] else {
                error("a threshold written as a mapping needs 'threshold', as in {threshold: \"errors<1%\", abort: true}", at: node)
                return nil
            }
            guard let threshold = parsedThreshold(textNode) else { return nil }
            guard let aborts = values["abort"].map({ bool($0, "abort") }) ?? false else { return nil }
            guard aborts else {
                if let graceNode = values["grace"] { error("'grace' applies only to a threshold with 'abort: true'", at: graceNode) }
                return threshold
            }
            var rule = AbortRule()
            if let graceNode = values["grace"] {
                guard let grace = duration(graceNode, "grace") else { return nil }
                rule.grace = grace
            }
            do { return try threshold.aborting(rule) } catch {
                self.error(error.description, at: values["abort"]!)
                return nil
            }
        }
        guard case .scalar = node else {
            error("a threshold must be a string ('p99<250ms') or a mapping ({threshold: ..., abort: true}), found \(kind(of: node))", at: node)
            return nil
        }
        return parsedThreshold(node)
    }

    private mutating func parsedThreshold(_ node: Node) -> Threshold? {
        guard let text = string(node, "a threshold") else { return nil }
        do { return try Threshold(parsing: text) } catch {
            self.error(error.description, at: node)
            return nil
        }
    }

    mutating func double(_ node: Node, _ what: String) -> Double? {
        guard case .scalar = node, let value = node.float ?? node.int.map(Double.init), value.isFinite else {
            error("\(what) must be a number, found \(describe(node))", at: node)
            return nil
        }
        return value
    }

    mutating func positive(_ duration: Duration?, _ node: Node, _ what: String) -> Duration? {
        guard let duration else { return nil }
        guard duration > .zero else {
            error("\(what) must be positive", at: node)
            return nil
        }
        return duration
    }

    /// The load model the keys describe: `phases` (phased), `rate`/`stages` (open), `vus`
    /// (closed); nil when none is given (the command line may give it).
    mutating func model(_ fields: [String: (key: Node, value: Node)], at node: Node) -> LoadModel? {
        var kind = fields["model"].flatMap { string($0.value, "model") }
        if let given = kind, !["open", "closed", "phased"].contains(given) {
            error("model must be 'open', 'closed' or 'phased', not '\(given)'", at: fields["model"]!.value)
            return nil
        }
        if kind == nil {
            if fields["phases"] != nil {
                kind = "phased"
            } else if fields["rate"] != nil || fields["stages"] != nil {
                kind = "open"
            } else if fields["vus"] != nil {
                kind = "closed"
            }
        }
        func misplaced(_ keys: [String], _ why: String) -> Bool {
            var found = false
            for key in keys { if let entry = fields[key] { error("'\(key)' \(why)", at: entry.key); found = true } }
            return found
        }
        // A key of another model is reported, and the model's own keys are still read, so that
        // every problem of the block is reported at once.
        switch kind {
        case "phased":
            let strayKeys = misplaced(["rate", "stages", "vus", "think_time"], "goes in a phase when the load has 'phases'")
            guard let entry = fields["phases"] else {
                error("the phased model needs 'phases'", at: node)
                return nil
            }
            let model = phases(entry.value).map(LoadModel.phased)
            return strayKeys ? nil : model
        case "open":
            let strayKeys = misplaced(["vus", "phases"], "belongs to another model; this load is open (it has 'rate' or 'stages')")
            // nil: no rate; .some(nil): a rate that is not a number (reported as such).
            let givenRate = fields["rate"].map { double($0.value, "rate") }
            let rate = (givenRate ?? nil) ?? 0
            var stages: [LoadStage] = []
            for element in fields["stages"].map({ sequence($0.value, "stages") }) ?? [] {
                guard let stage = members(of: element, in: "a stage", allowed: ["duration", "target"]) else { continue }
                let values = Dictionary(stage.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
                guard let duration = values["duration"], let target = values["target"] else {
                    error("a stage needs 'duration' and 'target'", at: element)
                    continue
                }
                if let duration = positive(self.duration(duration, "duration"), duration, "a stage's duration"),
                    let target = double(target, "target")
                {
                    stages.append(LoadStage(duration: duration, target: target))
                }
            }
            if stages.isEmpty && !(rate > 0) {
                if givenRate != .some(nil) {
                    error("the open model needs a positive 'rate' or 'stages'", at: fields["rate"]?.value ?? node)
                }
                return nil
            }
            return strayKeys ? nil : .open(rate: rate, stages: stages)
        case "closed":
            let strayKeys = misplaced(["rate", "stages", "phases"], "belongs to another model; this load is closed (it has 'vus')")
            guard let vus = fields["vus"] else {
                error("the closed model needs 'vus'", at: node)
                return nil
            }
            let think = fields["think_time"].flatMap { duration($0.value, "think_time") } ?? .zero
            let model = int(vus.value, "vus", minimum: 1).map { LoadModel.closed(vus: $0, thinkTime: think) }
            return strayKeys ? nil : model
        default:
            return nil
        }
    }

    static let phaseKinds = ["burst", "idle", "vus", "probes"]

    mutating func phases(_ node: Node) -> [LoadPhase]? {
        var phases: [LoadPhase] = []
        let elements = sequence(node, "phases")
        for element in elements {
            guard let fields = members(
                of: element, in: "a phase", allowed: ["burst", "idle", "vus", "duration", "think_time", "probes", "gap"])
            else { continue }
            let values = Dictionary(fields.map { ($0.key, $0.value) }, uniquingKeysWith: { first, _ in first })
            let kinds = Self.phaseKinds.filter { values[$0] != nil }
            guard kinds.count == 1, let kind = kinds.first, let value = values[kind] else {
                error("a phase is one of 'burst: N', 'idle: T', 'vus: N' (with 'duration') or 'probes: N' (with 'gap')", at: element)
                continue
            }
            let allowed: Set<String> =
                switch kind {
                case "vus": ["vus", "duration", "think_time"]
                case "probes": ["probes", "gap"]
                default: [kind]
                }
            var misplaced = false
            for field in fields where !allowed.contains(field.key) {
                error("'\(field.key)' does not belong in a '\(kind)' phase", at: field.keyNode)
                misplaced = true
            }
            if misplaced { continue }
            switch kind {
            case "burst":
                if let count = int(value, "burst", minimum: 1) { phases.append(.burst(count: count)) }
            case "idle":
                if let idle = positive(duration(value, "idle"), value, "idle") { phases.append(.idle(idle)) }
            case "vus":
                guard let durationNode = values["duration"] else {
                    error("a 'vus' phase needs a 'duration'", at: element)
                    continue
                }
                let think = values["think_time"].flatMap { duration($0, "think_time") } ?? .zero
                if let vus = int(value, "vus", minimum: 0),
                    let duration = positive(duration(durationNode, "duration"), durationNode, "duration")
                {
                    phases.append(.users(vus: vus, duration: duration, thinkTime: think))
                }
            default:
                guard let gapNode = values["gap"] else {
                    error("a 'probes' phase needs a 'gap'", at: element)
                    continue
                }
                if let count = int(value, "probes", minimum: 1), let gap = duration(gapNode, "gap") {
                    phases.append(.probes(count: count, gap: gap))
                }
            }
        }
        if elements.isEmpty, case .sequence = node { error("'phases' is empty", at: node) }
        return phases.count == elements.count && !phases.isEmpty ? phases : nil
    }

    /// `cold_start`: `true`, or `{header, method, request_id_header, log}` (`log`: a path or a
    /// list, relative to the load file; it implies the request-id header's default).
    mutating func coldStart(_ node: Node) -> (ColdStartClassifier?, [String]) {
        if case .scalar = node {
            guard let enabled = bool(node, "cold_start") else { return (nil, []) }
            return (enabled ? ColdStartClassifier() : nil, [])
        }
        let allowed = ["header", "method", "request_id_header", "log"]
        guard let fields = members(of: node, in: "cold_start", allowed: allowed) else { return (nil, []) }
        var classifier = ColdStartClassifier()
        var logs: [String] = []
        for (key, value, _) in fields {
            if key == "log" {
                logs += stringList(value, "log")
                continue
            }
            guard let text = string(value, key) else { continue }
            switch key {
            case "header", "request_id_header":
                if text.isEmpty {
                    error("the header name is empty", at: value)
                } else if key == "header" {
                    classifier.headerName = text
                } else {
                    classifier.requestIDHeader = text
                }
            default:
                if let mode = ColdStartClassifier.Mode(rawValue: text) {
                    classifier.mode = mode
                } else {
                    error("method must be 'automatic', 'header' or 'statistical', not '\(text)'", at: value)
                }
            }
        }
        if !logs.isEmpty, classifier.requestIDHeader == nil { classifier.requestIDHeader = ColdStartClassifier.defaultRequestIDHeader }
        return (classifier, logs)
    }
}
