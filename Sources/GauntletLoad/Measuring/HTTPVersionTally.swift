import GauntletHTTP

/// Counts responses by the HTTP version they came in, on an event loop's hot path without
/// hashing; folded into `RequestStats.httpVersionCounts` when the loop ends.
struct HTTPVersionTally {
    /// Counts by ``NegotiatedHTTPVersion/rawValue``.
    private var counts = [Int](repeating: 0, count: NegotiatedHTTPVersion.allCases.count)

    /// Counts one response.
    mutating func count(_ version: NegotiatedHTTPVersion) {
        counts[version.rawValue] += 1
    }

    /// Adds every count to `versionCounts` (keys `HTTP/1.1`, `HTTP/2`…) and empties the tally.
    mutating func fold(into versionCounts: inout [String: Int]) {
        for version in NegotiatedHTTPVersion.allCases where counts[version.rawValue] > 0 {
            versionCounts[version.description, default: 0] += counts[version.rawValue]
            counts[version.rawValue] = 0
        }
    }
}
