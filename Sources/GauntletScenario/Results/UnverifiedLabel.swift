/// How a `left_behind` label a teardown check could not verify as deleted is written, with the
/// answer that left it so, the same for a run and a load: `event x (GET answered HTTP 500)`,
/// `event x (GET got no answer: timeout)`.
public enum UnverifiedLabel {
    /// - Parameters:
    ///   - label: The label, filled in.
    ///   - method: The check's method.
    ///   - status: The answer's status; nil when there was none.
    ///   - failure: Why there was no answer.
    public static func text(_ label: String, method: String, status: Int?, failure: String?) -> String {
        if let status { return "\(label) (\(method) answered HTTP \(status))" }
        return "\(label) (\(method) got no answer: \(failure ?? "no response"))"
    }
}
