import Yams

/// Turns a load file's YAML tree into a `LoadFile`.
struct LoadFileParser {
    let reader: YAMLNodeReader
    let path: String

    static let topKeys: Set<String> = [
        "name", "description", "base_url", "model", "rate", "stages", "vus", "think_time", "duration", "iterations",
        "max_in_flight", "loops", "timeout", "headers", "setup", "teardown", "mix", "thresholds",
        "late_start_tolerance", "phases", "cold_start",
    ]
    static let requestKeys: Set<String> = ["name", "method", "path", "headers", "body", "json", "expect"]
    static let flowKeys: Set<String> = requestKeys.union(["weight", "steps"])

    func parse(_ root: Node) throws(LoadFileError) -> LoadFile {
        let top = try reader.mapping(root, allowed: Self.topKeys, context: "the load file")
        let name = try top["name"].map { entry throws(LoadFileError) in try reader.string(entry.value, "name") }
            ?? defaultName()
        let commonHeaders = try top["headers"].map { entry throws(LoadFileError) in try headers(entry.value) } ?? []

        let model = try parseModel(top, root: root)
        let duration = try top["duration"].map { entry throws(LoadFileError) in
            try positive(try reader.duration(entry.value, "duration"), entry.value, "duration")
        }
        let iterations = try top["iterations"].map { entry throws(LoadFileError) in
            try reader.int(entry.value, "iterations", minimum: 1)
        }
        guard let mixEntry = top["mix"] else { throw reader.error(root, "missing key 'mix' (the requests to send)") }
        let mix = try parseMix(mixEntry.value, commonHeaders: commonHeaders)
        let setup = try top["setup"].map { entry throws(LoadFileError) in
            try requestList(entry.value, "setup", commonHeaders: commonHeaders)
        } ?? []
        let teardown = try top["teardown"].map { entry throws(LoadFileError) in
            try requestList(entry.value, "teardown", commonHeaders: commonHeaders)
        } ?? []
        var thresholds: [Threshold] = []
        if let entry = top["thresholds"] {
            for node in try reader.sequence(entry.value, "thresholds") {
                do {
                    thresholds.append(try Threshold(parsing: try reader.string(node, "a threshold")))
                } catch let error as ThresholdParseError {
                    throw reader.error(node, error.description)
                } catch let error as LoadFileError {
                    throw error
                } catch {
                    throw reader.error(node, "\(error)")
                }
            }
        }
        var plan = LoadPlan(
            name: name, model: model, duration: duration, iterations: iterations, mix: mix, setup: setup,
            teardown: teardown, thresholds: thresholds)
        if let entry = top["max_in_flight"] { plan.maxInFlight = try reader.int(entry.value, "max_in_flight", minimum: 1) }
        if let entry = top["loops"] { plan.loops = try reader.int(entry.value, "loops", minimum: 1) }
        if let entry = top["late_start_tolerance"] {
            plan.lateStartTolerance = try reader.duration(entry.value, "late_start_tolerance")
        }
        if let entry = top["cold_start"] { plan.coldStart = try coldStart(entry.value) }
        if !plan.isBounded {
            throw reader.error(root, "a load needs 'duration' or 'iterations' (or open-model 'stages'): it never runs unbounded")
        }
        do {
            try plan.validate()
        } catch {
            throw reader.error(root, error.message)
        }
        let baseURL = try top["base_url"].map { entry throws(LoadFileError) in try reader.string(entry.value, "base_url") }
        let timeout = try top["timeout"].map { entry throws(LoadFileError) in
            try positive(try reader.duration(entry.value, "timeout"), entry.value, "timeout")
        }
        return LoadFile(path: path, plan: plan, baseURL: baseURL, timeout: timeout)
    }

    private func defaultName() -> String {
        var name = Substring(path.split(separator: "/").last ?? "load")
        for suffix in [".yaml", ".yml"] where name.hasSuffix(suffix) { name = name.dropLast(suffix.count) }
        return String(name)
    }

    func positive(_ duration: Duration, _ node: Node, _ what: String) throws(LoadFileError) -> Duration {
        guard duration > .zero else { throw reader.error(node, "\(what) must be positive") }
        return duration
    }

    private func parseModel(_ top: [String: (key: Node, value: Node)], root: Node) throws(LoadFileError) -> LoadModel {
        var kind = try top["model"].map { entry throws(LoadFileError) in try reader.string(entry.value, "model") }
        if let given = kind, !["open", "closed", "phased"].contains(given) {
            throw reader.error(top["model"]!.value, "model must be 'open', 'closed' or 'phased', not '\(given)'")
        }
        if kind == nil {
            if top["phases"] != nil {
                kind = "phased"
            } else if top["rate"] != nil || top["stages"] != nil {
                kind = "open"
            } else if top["vus"] != nil {
                kind = "closed"
            }
        }
        if kind != "phased", let entry = top["phases"] {
            throw reader.error(entry.key, "'phases' belongs to the phased model; this load is \(kind ?? "not phased")")
        }
        switch kind {
        case "phased":
            for key in ["rate", "stages", "vus", "think_time"] {
                if let entry = top[key] { throw reader.error(entry.key, "'\(key)' goes in a phase when the load has 'phases'") }
            }
            guard let entry = top["phases"] else { throw reader.error(root, "the phased model needs 'phases'") }
            return .phased(try phases(entry.value))
        case "open":
            if let vus = top["vus"] { throw reader.error(vus.key, "'vus' belongs to the closed model; this load is open") }
            let rate = try top["rate"].map { entry throws(LoadFileError) in try reader.double(entry.value, "rate") } ?? 0
            var stages: [LoadStage] = []
            if let entry = top["stages"] {
                for node in try reader.sequence(entry.value, "stages") {
                    let stage = try reader.mapping(node, allowed: ["duration", "target"], context: "a stage")
                    guard let duration = stage["duration"], let target = stage["target"] else {
                        throw reader.error(node, "a stage needs 'duration' and 'target'")
                    }
                    stages.append(
                        LoadStage(
                            duration: try positive(
                                try reader.duration(duration.value, "duration"), duration.value, "a stage's duration"),
                            target: try reader.double(target.value, "target")))
                }
            }
            if stages.isEmpty && rate <= 0 {
                throw reader.error(top["rate"]?.value ?? root, "the open model needs a positive 'rate' or 'stages'")
            }
            return .open(rate: rate, stages: stages)
        case "closed":
            for key in ["rate", "stages"] {
                if let entry = top[key] { throw reader.error(entry.key, "'\(key)' belongs to the open model; this load is closed") }
            }
            guard let vus = top["vus"] else { throw reader.error(root, "the closed model needs 'vus'") }
            let think = try top["think_time"].map { entry throws(LoadFileError) in
                try reader.duration(entry.value, "think_time")
            } ?? .zero
            return .closed(vus: try reader.int(vus.value, "vus", minimum: 1), thinkTime: think)
        default:
            throw reader.error(
                root, "say how to offer load: 'vus: N' (closed model), 'rate: R' (open model) or 'phases' (phased model)")
        }
    }

    private func parseMix(_ node: Node, commonHeaders: [PlannedHeader]) throws(LoadFileError) -> [LoadFlow] {
        var flows: [LoadFlow] = []
        var names = Set<String>()
        for entry in try reader.sequence(node, "mix") {
            let fields = try reader.mapping(entry, allowed: Self.flowKeys, context: "a mix entry")
            guard let nameEntry = fields["name"] else { throw reader.error(entry, "a mix entry needs a 'name'") }
            let name = try reader.string(nameEntry.value, "name")
            guard names.insert(name).inserted else { throw reader.error(nameEntry.value, "duplicate mix entry '\(name)'") }
            let weight = try fields["weight"].map { field throws(LoadFileError) in
                try reader.int(field.value, "weight", minimum: 1)
            } ?? 1
            let steps: [PlannedRequest]
            if let stepsEntry = fields["steps"] {
                for key in Self.requestKeys.subtracting(["name"]) {
                    if let field = fields[key] { throw reader.error(field.key, "'\(key)' goes in a step when the entry has 'steps'") }
                }
                steps = try requestList(stepsEntry.value, "steps", commonHeaders: commonHeaders, prefix: name)
                guard !steps.isEmpty else { throw reader.error(stepsEntry.value, "'steps' is empty") }
            } else {
                steps = [try request(entry, fields: fields, defaultName: name, commonHeaders: commonHeaders)]
            }
            flows.append(LoadFlow(name: name, weight: weight, steps: steps))
        }
        guard !flows.isEmpty else { throw reader.error(node, "the mix is empty") }
        return flows
    }

    private func requestList(
        _ node: Node, _ what: String, commonHeaders: [PlannedHeader], prefix: String? = nil
    ) throws(LoadFileError) -> [PlannedRequest] {
        var requests: [PlannedRequest] = []
        for (index, element) in try reader.sequence(node, what).enumerated() {
            let fields = try reader.mapping(element, allowed: Self.requestKeys, context: "a request")
            let fallback = "\(prefix ?? what)-\(index + 1)"
            requests.append(try request(element, fields: fields, defaultName: fallback, commonHeaders: commonHeaders))
        }
        return requests
    }

    private func request(
        _ node: Node, fields: [String: (key: Node, value: Node)], defaultName: String, commonHeaders: [PlannedHeader]
    ) throws(LoadFileError) -> PlannedRequest {
        guard let pathEntry = fields["path"] else { throw reader.error(node, "a request needs a 'path'") }
        let path = try reader.string(pathEntry.value, "path")
        guard path.hasPrefix("/") else { throw reader.error(pathEntry.value, "a path starts with '/'") }
        let name = try fields["name"].map { field throws(LoadFileError) in try reader.string(field.value, "name") }
            ?? defaultName
        let method = try fields["method"].map { field throws(LoadFileError) in
            try reader.string(field.value, "method").uppercased()
        } ?? "GET"
        var headers = commonHeaders
        if let field = fields["headers"] {
            let own = try self.headers(field.value)
            headers.removeAll { common in own.contains { $0.name.lowercased() == common.name.lowercased() } }
            headers += own
        }
        var body: LoadTemplate?
        if let field = fields["body"], let json = fields["json"] {
            _ = field
            throw reader.error(json.key, "give 'body' or 'json', not both")
        }
        if let field = fields["body"] {
            body = try template(try reader.string(field.value, "body"), field.value)
        } else if let field = fields["json"] {
            body = try template(try reader.json(field.value), field.value)
            if !headers.contains(where: { $0.name.lowercased() == "content-type" }) {
                headers.append(PlannedHeader(name: "Content-Type", value: try template("application/json", field.value)))
            }
        }
        var expected: [Int] = []
        if let field = fields["expect"] {
            if case .sequence = field.value {
                for element in try reader.sequence(field.value, "expect") {
                    expected.append(try status(element))
                }
            } else {
                expected.append(try status(field.value))
            }
        }
        return PlannedRequest(
            name: name, method: method, path: try template(path, pathEntry.value), headers: headers, body: body,
            expectedStatuses: expected)
    }

    private func status(_ node: Node) throws(LoadFileError) -> Int {
        let value = try reader.int(node, "an expected status")
        guard (100...599).contains(value) else { throw reader.error(node, "a status is between 100 and 599") }
        return value
    }

    private func headers(_ node: Node) throws(LoadFileError) -> [PlannedHeader] {
        guard case let .mapping(mapping) = node else { throw reader.error(node, "headers must be a mapping") }
        var headers: [PlannedHeader] = []
        for (key, value) in mapping {
            let name = try reader.string(key, "a header name")
            headers.append(PlannedHeader(name: name, value: try template(try reader.string(value, "a header value"), value)))
        }
        return headers
    }

    private func template(_ text: String, _ node: Node) throws(LoadFileError) -> LoadTemplate {
        do {
            return try LoadTemplate(text)
        } catch {
            throw reader.error(node, error.description)
        }
    }
}
