import Foundation

/// How a `left_behind` label a teardown check could not verify as deleted is written, with the
/// request and the answer that left it so, the same for a run and a load:
/// `event x (GET /events answered HTTP 500)`, `event x (GET /events/x got no answer: timeout)`.
/// The request's path is named because a list's failure (`GET /events`) says nothing of the
/// item itself: without it, a reader tries the item's GET and is misled by its 404.
public enum UnverifiedLabel {
    /// - Parameters:
    ///   - label: The label, filled in.
    ///   - method: The check's method.
    ///   - path: The check's path (``path(of:)``); nil when it is not known.
    ///   - status: The answer's status; nil when there was none.
    ///   - failure: Why there was no answer.
    public static func text(_ label: String, method: String, path: String? = nil, status: Int?, failure: String?) -> String {
        let request = path.map { "\(method) \($0)" } ?? method
        if let status { return "\(label) (\(request) answered HTTP \(status))" }
        return "\(label) (\(request) got no answer: \(failure ?? "no response"))"
    }

    /// A label whose check was not made: `event x (not checked: the teardown was cut short 10 s
    /// after the stop)`.
    public static func unchecked(_ label: String, reason: String) -> String {
        "\(label) (not checked: \(reason))"
    }

    /// What a write whose answer never came may have made: `what POST /events may have written
    /// (not known: the wait for its answer was cut short when its 5 s after the stop ran out)`.
    /// A teardown's check cannot show it gone: the deployment may store it after the check.
    public static func droppedWrite(method: String, path: String, reason: String) -> String {
        "what \(method) \(path) may have written (not known: \(reason))"
    }

    /// The path of a request's URL (or of a scenario's path), without scheme, host, query or
    /// fragment: `https://api.example/prod/events?key=…` → `/prod/events`. A query is left out
    /// so that no value in it (a key) reaches a label.
    public static func path(of url: String) -> String {
        var rest = Substring(url)
        if let scheme = rest.range(of: "://") {
            rest = rest[scheme.upperBound...]
            rest = rest.firstIndex(of: "/").map { rest[$0...] } ?? ""
        }
        if let end = rest.firstIndex(where: { $0 == "?" || $0 == "#" }) { rest = rest[..<end] }
        return rest.isEmpty ? "/" : String(rest)
    }
}
