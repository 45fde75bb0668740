import GauntletScenario
import Yams

/// What a load file's `load:` block says, before it is combined with the file's scenarios into a
/// ``LoadPlan``: how to offer the load, its bounds and limits, its thresholds and weights, the
/// steps run once around it, and other scenario files it drives.
struct LoadSettings {
    /// `vus`, `rate`/`stages` or `phases`; nil when the command line is to say.
    var model: LoadModel?
    /// `duration`.
    var duration: Duration?
    /// `iterations`.
    var iterations: Int?
    /// `max_in_flight`.
    var maxInFlight: Int?
    /// `loops`: event-loop threads.
    var loops: Int?
    /// `timeout`: the per-request time limit.
    var timeout: Duration?
    /// `late_start_tolerance`.
    var lateStartTolerance: Duration?
    /// `cold_start`.
    var coldStart: ColdStartClassifier?
    /// `cold_start.log`: the function's Lambda logs, as written.
    var coldStartLogs: [String] = []
    /// `thresholds`, parsed.
    var thresholds: [Threshold] = []
    /// Where each of ``thresholds`` is written, in the same order (for errors found later, such
    /// as a request name the load does not have).
    var thresholdNodes: [Node] = []
    /// Weights by scenario name, with the node each was written at.
    var weights: [(name: String, weight: Int, node: Node)] = []
    /// `setup`: steps run once before the load.
    var setup: [Step] = []
    /// `teardown`: steps run once after it.
    var teardown: [Step] = []
    /// `base_url`.
    var baseURL: String?
    /// Other scenario files whose scenarios join the mix, as written, with their nodes.
    var scenarioFiles: [(path: String, node: Node)] = []
    /// Where the block starts, for problems of the whole plan.
    var node: Node?
}
