import GauntletJSON
/// An event as the API stores it and returns it.
///
/// The request names `date`, `capacity` and `status` are stored (and returned) as `eventDate`,
/// `eventCapacity` and `eventStatus`, as the seed's DynamoDB table does. Two events are equal
/// when every field has the same code points (``Event/==(_:_:)``), not merely canonically
/// equivalent text.
public struct Event: Sendable, Equatable, Codable {
    /// The client-chosen unique identifier.
    public var eventId: String
    /// The title.
    public var title: String
    /// The description.
    public var description: String
    /// The date, `YYYY-MM-DD`.
    public var eventDate: String
    /// Where it takes place.
    public var location: String
    /// The maximum number of attendees.
    public var eventCapacity: Int64
    /// Who organizes it.
    public var organizer: String
    /// The lifecycle state.
    public var eventStatus: EventStatus
    /// When it was created, ISO-8601 in UTC to the second (`2024-11-07T10:30:00`).
    public var createdAt: String
    /// When it was last updated, if ever, in the format of ``createdAt``.
    public var updatedAt: String?

    /// Creates an event.
    /// - Parameters:
    ///   - eventId: The unique identifier.
    ///   - title: The title.
    ///   - description: The description.
    ///   - eventDate: The date, `YYYY-MM-DD`.
    ///   - location: Where it takes place.
    ///   - eventCapacity: The maximum number of attendees.
    ///   - organizer: Who organizes it.
    ///   - eventStatus: The lifecycle state.
    ///   - createdAt: The creation timestamp.
    ///   - updatedAt: The last update timestamp, if any.
    public init(
        eventId: String,
        title: String,
        description: String,
        eventDate: String,
        location: String,
        eventCapacity: Int64,
        organizer: String,
        eventStatus: EventStatus,
        createdAt: String,
        updatedAt: String? = nil
    ) {
        self.eventId = eventId
        self.title = title
        self.description = description
        self.eventDate = eventDate
        self.location = location
        self.eventCapacity = eventCapacity
        self.organizer = organizer
        self.eventStatus = eventStatus
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether every field is the same, strings compared by code points: `"café"` composed and
    /// decomposed are different ids (and different titles), as the stores and the wire see them.
    public static func == (lhs: Event, rhs: Event) -> Bool {
        ScalarExactString.equal(lhs.eventId, rhs.eventId) && ScalarExactString.equal(lhs.title, rhs.title)
            && ScalarExactString.equal(lhs.description, rhs.description)
            && ScalarExactString.equal(lhs.eventDate, rhs.eventDate) && ScalarExactString.equal(lhs.location, rhs.location)
            && lhs.eventCapacity == rhs.eventCapacity && ScalarExactString.equal(lhs.organizer, rhs.organizer)
            && ScalarExactString.equal(lhs.eventStatus.rawValue, rhs.eventStatus.rawValue)
            && ScalarExactString.equal(lhs.createdAt, rhs.createdAt)
            && ScalarExactString.equal(lhs.updatedAt ?? "", rhs.updatedAt ?? "") && (lhs.updatedAt == nil) == (rhs.updatedAt == nil)
    }
}
