/// The updatable fields of an event, by their request names.
enum EventField: String, CaseIterable, Sendable {
    case title, description, date, location, capacity, organizer, status

    /// The longest accepted value of a free-text field, in Unicode scalars.
    var maximumLength: Int? {
        switch self {
        case .title, .location, .organizer: 200
        case .description: 2000
        case .date, .capacity, .status: nil
        }
    }

    /// Every field a request may carry: `eventId` and the updatable ones.
    static let requestFieldNames: Set<String> = Set(["eventId"] + allCases.map(\.rawValue))
}
