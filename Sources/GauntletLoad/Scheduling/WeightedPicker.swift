/// Picks mix entries in proportion to their weights, deterministically and evenly spread
/// (smooth weighted round-robin, as nginx balances upstreams): weights 3 and 1 give A A B A, …
public struct WeightedPicker: Sendable {
    private let weights: [Int]
    private let total: Int
    private var current: [Int]

    /// Creates a picker over `weights` (each at least 1).
    public init(weights: [Int]) {
        self.weights = weights.map { max(1, $0) }
        self.total = self.weights.reduce(0, +)
        self.current = Array(repeating: 0, count: weights.count)
    }

    /// The index of the next entry.
    public mutating func next() -> Int {
        if weights.count == 1 { return 0 }
        var best = 0
        for index in weights.indices {
            current[index] += weights[index]
            if current[index] > current[best] { best = index }
        }
        current[best] -= total
        return best
    }
}
