import GauntletScenario
import Yams

/// What a load file's `load:` block says, before it is combined with the file's scenarios into a
/// ``LoadPlan``: how to offer the load, its bounds and limits, its thresholds and weights, the
/// steps run once around it, and other scenario files it drives.
struct LoadSettings {
    var model: LoadModel?
    var duration: Duration?
    var iterations: Int?
    var maxInFlight: Int?
    var loops: Int?
    var timeout: Duration?
    var lateStartTolerance: Duration?
    var coldStart: ColdStartClassifier?
    var thresholds: [Threshold] = []
    /// Weights by scenario name, with the node each was written at.
    var weights: [(name: String, weight: Int, node: Node)] = []
    var setup: [Step] = []
    var teardown: [Step] = []
    var baseURL: String?
    /// Other scenario files whose scenarios join the mix, as written, with their nodes.
    var scenarioFiles: [(path: String, node: Node)] = []
    /// Where the block starts, for problems of the whole plan.
    var node: Node?
}
