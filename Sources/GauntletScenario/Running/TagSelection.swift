/// Which scenarios `--tag` and `--skip-tag` select, by the tags of a scenario and of its file.
///
/// `gauntlet run` and `gauntlet load` select the same way, so that `--tag seed` means one set of
/// scenarios whichever command reads a file.
public struct TagSelection: Sendable, Equatable {
    /// Only scenarios with at least one of these tags (every scenario when empty).
    public var include: Set<String>
    /// No scenario with any of these tags.
    public var exclude: Set<String>

    /// Creates a selection; with no tags it selects every scenario.
    public init(include: Set<String> = [], exclude: Set<String> = []) {
        self.include = include
        self.exclude = exclude
    }

    /// Whether it selects every scenario (no `--tag` and no `--skip-tag`).
    public var selectsEverything: Bool { include.isEmpty && exclude.isEmpty }

    /// Whether a scenario with these tags (its own and its file's) is selected.
    public func selects(tags: Set<String>) -> Bool {
        (include.isEmpty || !tags.isDisjoint(with: include)) && tags.isDisjoint(with: exclude)
    }

    /// The flags that make this selection, as a user wrote them (`--tag seed --skip-tag slow`).
    public var description: String {
        (include.sorted().map { "--tag \($0)" } + exclude.sorted().map { "--skip-tag \($0)" }).joined(separator: " ")
    }
}
