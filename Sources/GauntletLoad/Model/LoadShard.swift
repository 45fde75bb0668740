/// One of N equal parts of a load plan (`--shard I/N`), so that N processes on N machines
/// together run the plan once.
///
/// Work is dealt out in slots: with N shards of L event loops each there are N·L slots, and
/// slot `index + count·loop` takes every (N·L)-th arrival of the open model from its own
/// offset, every (N·L)-th virtual user and iteration. The union of the shards' schedules is
/// therefore exactly the plan's, with iteration and user numbers no two shards share.
public struct LoadShard: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    /// This shard's number, from 0.
    public var index: Int
    /// How many shards share the plan.
    public var count: Int

    /// The whole plan: shard 0 of 1.
    public static let whole = LoadShard(index: 0, count: 1)

    /// Creates a shard.
    public init(index: Int, count: Int) {
        self.index = index
        self.count = count
    }

    /// Reads `I/N` (0 ≤ I < N).
    /// - Throws: ``LoadPlanError`` saying what is wrong.
    public init(parsing text: String) throws(LoadPlanError) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw LoadPlanError("'\(text)' is not a shard: write I/N, e.g. 0/4 for the first of four")
        }
        guard count >= 1, count <= 10_000 else { throw LoadPlanError("'\(text)': the shard count must be 1–10000") }
        guard index >= 0, index < count else {
            throw LoadPlanError("'\(text)': the shard number must be 0–\(count - 1) (shards count from 0)")
        }
        self.init(index: index, count: count)
    }

    /// The slot of event loop `loop` (of `loops`) of this shard among every loop of every shard:
    /// the part of the plan that loop runs.
    public func slot(loop: Int, of loops: Int) -> LoadShard {
        LoadShard(index: index + count * loop, count: count * loops)
    }

    /// Whether this is the whole plan.
    public var isWhole: Bool { count == 1 }

    /// This shard's part of `total` things dealt out one by one: `total / count`, plus one for
    /// the first `total % count` shards.
    public func share(of total: Int) -> Int {
        total / count + (index < total % count ? 1 : 0)
    }

    public var description: String { "\(index)/\(count)" }

    /// Shards as a reader lists them: `0/4, 2/4`.
    public static func list(_ shards: [LoadShard]) -> String {
        shards.map(\.description).joined(separator: ", ")
    }

    public static func < (lhs: LoadShard, rhs: LoadShard) -> Bool {
        (lhs.count, lhs.index) < (rhs.count, rhs.index)
    }
}
