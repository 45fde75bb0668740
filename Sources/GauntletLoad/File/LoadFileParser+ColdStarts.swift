import Yams

/// The parts of a load file that provoke and analyse cold starts: `phases` and `cold_start`.
extension LoadFileParser {
    static let phaseKinds = ["burst", "idle", "vus", "probes"]
    static let phaseKeys: Set<String> = ["burst", "idle", "vus", "duration", "think_time", "probes", "gap"]

    /// `phases:`, a list of `{burst: N}`, `{idle: T}`, `{vus: N, duration: T, think_time: T}`
    /// and `{probes: N, gap: T}`.
    func phases(_ node: Node) throws(LoadFileError) -> [LoadPhase] {
        var phases: [LoadPhase] = []
        for element in try reader.sequence(node, "phases") {
            let fields = try reader.mapping(element, allowed: Self.phaseKeys, context: "a phase")
            let kinds = Self.phaseKinds.filter { fields[$0] != nil }
            guard kinds.count == 1, let kind = kinds.first, let entry = fields[kind] else {
                throw reader.error(
                    element, "a phase is one of 'burst: N', 'idle: T', 'vus: N' (with 'duration') or 'probes: N' (with 'gap')")
            }
            let allowed: Set<String> = switch kind {
            case "vus": ["vus", "duration", "think_time"]
            case "probes": ["probes", "gap"]
            default: [kind]
            }
            for (key, field) in fields where !allowed.contains(key) {
                throw reader.error(field.key, "'\(key)' does not belong in a '\(kind)' phase")
            }
            switch kind {
            case "burst":
                phases.append(.burst(count: try reader.int(entry.value, "burst", minimum: 1)))
            case "idle":
                phases.append(.idle(try positive(try reader.duration(entry.value, "idle"), entry.value, "idle")))
            case "vus":
                guard let duration = fields["duration"] else {
                    throw reader.error(element, "a 'vus' phase needs a 'duration'")
                }
                let think = try fields["think_time"].map { field throws(LoadFileError) in
                    try reader.duration(field.value, "think_time")
                } ?? .zero
                phases.append(
                    .users(
                        vus: try reader.int(entry.value, "vus", minimum: 0),
                        duration: try positive(try reader.duration(duration.value, "duration"), duration.value, "duration"),
                        thinkTime: think))
            default:
                guard let gap = fields["gap"] else { throw reader.error(element, "a 'probes' phase needs a 'gap'") }
                phases.append(
                    .probes(
                        count: try reader.int(entry.value, "probes", minimum: 1),
                        gap: try reader.duration(gap.value, "gap")))
            }
        }
        guard !phases.isEmpty else { throw reader.error(node, "'phases' is empty") }
        return phases
    }

    /// `cold_start: true`, or `cold_start: {header: X-Cold-Start, method: automatic|header|statistical}`.
    func coldStart(_ node: Node) throws(LoadFileError) -> ColdStartClassifier? {
        if case .scalar = node {
            guard let enabled = node.bool else { throw reader.error(node, "cold_start is true, false or a mapping") }
            return enabled ? ColdStartClassifier() : nil
        }
        let fields = try reader.mapping(node, allowed: ["header", "method"], context: "cold_start")
        var classifier = ColdStartClassifier()
        if let header = fields["header"] {
            classifier.headerName = try reader.string(header.value, "header")
            guard !classifier.headerName.isEmpty else { throw reader.error(header.value, "the header name is empty") }
        }
        if let method = fields["method"] {
            let text = try reader.string(method.value, "method")
            guard let mode = ColdStartClassifier.Mode(rawValue: text) else {
                throw reader.error(method.value, "method must be 'automatic', 'header' or 'statistical', not '\(text)'")
            }
            classifier.mode = mode
        }
        return classifier
    }
}
