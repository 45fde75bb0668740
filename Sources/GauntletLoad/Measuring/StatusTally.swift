/// Counts responses by status on an event loop's hot path without hashing: statuses 0–599 in a
/// flat array, anything else in a dictionary. Folded into `RequestStats.statusCounts` when the
/// loop ends.
struct StatusTally {
    /// Counts of statuses 0–599, by status.
    private var counts = [Int](repeating: 0, count: 600)
    /// Counts of statuses above 599.
    private var others: [Int: Int] = [:]

    /// Counts one response.
    mutating func count(_ status: Int) {
        if status >= 0 && status < counts.count {
            counts[status] += 1
        } else {
            others[status, default: 0] += 1
        }
    }

    /// Adds every count to `statusCounts` and empties the tally.
    mutating func fold(into statusCounts: inout [Int: Int]) {
        for status in counts.indices where counts[status] > 0 {
            statusCounts[status, default: 0] += counts[status]
            counts[status] = 0
        }
        for (status, n) in others { statusCounts[status, default: 0] += n }
        others.removeAll()
    }
}
