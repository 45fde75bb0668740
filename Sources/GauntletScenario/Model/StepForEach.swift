public import GauntletJSON

/// `for_each: { in: LIST, as: NAME }`: a step run once for each item of a list a variable holds
/// (most often captured by the step before), with `{{NAME}}` the item; a cleanup that deletes
/// every event a list answered with, whatever their number.
///
/// The list is read when the step starts. A list variable that is unset (an optional capture
/// that found nothing) or empty runs the step no time, recorded as skipped; a single value that
/// is not a list is a list of one.
public struct StepForEach: Sendable, Hashable {
    /// The variable that holds the list.
    public var list: String
    /// The name each item is given while the step runs for it.
    public var name: String

    public init(list: String, name: String) {
        self.list = list
        self.name = name
    }

    /// The items of the list as `scope` holds it now.
    public func items(in scope: VariableScope) -> [JSONValue] {
        guard scope.isDefined(list), let value = try? scope.value(of: list) else { return [] }
        switch value {
        case .array(let items): return items
        case .null: return []
        default: return [value]
        }
    }
}
