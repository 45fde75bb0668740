/// Why a load stopped before its end on its own: a threshold marked to abort failed while the
/// load ran (see ``AbortRule``). Reports show it, and the load fails (exit status 1), since
/// the gate it was run for could no longer pass.
public struct LoadAbort: Sendable, Equatable, Codable {
    /// The threshold that failed, as written (`errors<1%`).
    public var threshold: String
    /// When it was judged, seconds from the load's start.
    public var atSeconds: Double
    /// What it measured then (`errors = 35% (700 of 2000)`).
    public var actual: String

    /// Creates the record of an abort.
    public init(threshold: String, atSeconds: Double, actual: String) {
        self.threshold = threshold
        self.atSeconds = atSeconds
        self.actual = actual
    }

    /// `aborted at 4.0 s: threshold 'errors<1%' failed: errors = 35% (700 of 2000)`.
    public var reason: String {
        "aborted at \(LoadFormat.number(atSeconds, decimals: 1)) s: threshold '\(threshold)' failed: \(actual)"
    }
}
