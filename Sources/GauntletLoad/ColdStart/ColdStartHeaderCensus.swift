import Foundation

/// What the served responses said through the deployment's cold-start header: how many carried
/// it and which values were neither cold nor warm. The header method decides only when the
/// header is there and speaks its vocabulary (``ColdStartClassifier/reading(headerValue:)``);
/// a header missing everywhere, or one with values of its own (`init`, `reuse`), would
/// otherwise read as "0 cold".
struct ColdStartHeaderCensus: Sendable, Hashable {
    /// The most unknown values a reason quotes.
    static let quotedValues = 3

    /// Served responses.
    var served = 0
    /// Served responses that carried the header.
    var carrying = 0
    /// Served responses whose header value was neither cold nor warm.
    var unknown = 0
    /// The distinct unknown values, in the order first seen, at most ``quotedValues``.
    var unknownValues: [String] = []

    /// Counts the served samples of a run.
    init(_ samples: [ColdStartSample]) {
        for sample in samples where sample.isServed {
            served += 1
            guard let value = sample.coldStartHeader else { continue }
            carrying += 1
            guard ColdStartClassifier.reading(headerValue: value) == nil else { continue }
            unknown += 1
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            if unknownValues.count < Self.quotedValues, !unknownValues.contains(trimmed) { unknownValues.append(trimmed) }
        }
    }

    /// Whether every served response carried the header with a known value (and one was served).
    var decides: Bool { served > 0 && carrying == served && unknown == 0 }

    /// Why the header cannot decide, naming it: its absence from every served response, or the
    /// values it carried outside the vocabulary; nil when neither (it may still be missing on some).
    func undecidable(headerName: String) -> String? {
        guard served > 0 else { return nil }
        if carrying == 0 { return "no served response carried the \(headerName) header (0 of \(served))" }
        if unknown > 0 {
            let seen = unknownValues.map { "'\($0)'" }.joined(separator: ", ")
            return "the \(headerName) header's values are neither \(ColdStartClassifier.coldValues.joined(separator: "/")) "
                + "nor \(ColdStartClassifier.warmValues.joined(separator: "/")): seen \(seen)"
        }
        return nil
    }

    /// Why `automatic` did not use the header although some served response carried it; nil
    /// when it decided, or when no response carried it (a deployment without the header).
    func fallbackNote(headerName: String) -> String? {
        guard served > 0, carrying > 0, !decides else { return nil }
        let why = undecidable(headerName: headerName) ?? "the \(headerName) header was on \(carrying) of \(served) served responses"
        return why + ": statistical method"
    }
}
