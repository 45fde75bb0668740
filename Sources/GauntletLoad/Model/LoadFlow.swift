/// One entry of a plan's weighted mix: a single request, or a short scenario of requests that
/// one iteration runs in order (create, read, delete), each step sent when the previous one ends.
public struct LoadFlow: Sendable, Equatable {
    /// The entry's name.
    public var name: String
    /// Its share of iterations relative to the other entries.
    public var weight: Int
    /// Its steps, in order; a single request has one.
    public var steps: [PlannedRequest]

    /// Creates a mix entry.
    /// - Parameters:
    ///   - name: The entry's name.
    ///   - weight: Its share of iterations, at least 1.
    ///   - steps: Its requests, in order.
    public init(name: String, weight: Int = 1, steps: [PlannedRequest]) {
        self.name = name
        self.weight = weight
        self.steps = steps
    }
}
