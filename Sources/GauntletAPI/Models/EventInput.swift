import GauntletJSON
import Foundation

/// A validated create or update payload.
///
/// Built from a parsed JSON object by ``create(from:rules:)`` or ``update(from:pathId:rules:)``,
/// which check every field and report each bad one (not just the first) as a
/// ``ValidationIssue``, the way FastAPI and pydantic do.
struct EventInput: Sendable, Equatable {
    var eventId: String?
    var title: String?
    var description: String?
    var date: String?
    var location: String?
    var capacity: Int64?
    var organizer: String?
    var status: EventStatus?

    /// Whether any updatable field is present.
    var hasUpdatableField: Bool {
        self.title != nil || self.description != nil || self.date != nil || self.location != nil
            || self.capacity != nil || self.organizer != nil || self.status != nil
    }

    // MARK: - Create

    /// Validates a create payload: every field is required.
    /// - Throws: ``APIError/validation(_:)`` listing each bad field.
    static func create(from object: JSONObject, rules: ValidationRules) throws(APIError) -> EventInput {
        var issues: [ValidationIssue] = []
        var input = EventInput()
        issues += unknownFieldIssues(object, rules: rules)
        input.eventId = validateEventId(object["eventId"], required: true, rules: rules, issues: &issues)
        for field in EventField.allCases {
            input.set(field, from: object[field.rawValue], required: true, rules: rules, issues: &issues)
        }
        guard issues.isEmpty else { throw .validation(issues) }
        return input
    }

    /// The event a validated create payload describes.
    func event(createdAt: String) -> Event {
        Event(
            eventId: self.eventId ?? "",
            title: self.title ?? "",
            description: self.description ?? "",
            eventDate: self.date ?? "",
            location: self.location ?? "",
            eventCapacity: self.capacity ?? 0,
            organizer: self.organizer ?? "",
            eventStatus: self.status ?? EventStatus(rawValue: ""),
            createdAt: createdAt
        )
    }

    // MARK: - Update

    /// Validates a partial update: any subset of the updatable fields, each checked as on create.
    ///
    /// An object with no updatable field is a 400, and so is a body `eventId` that differs from
    /// the path.
    /// - Throws: ``APIError/validation(_:)`` listing each bad field.
    static func update(from object: JSONObject, pathId: String, rules: ValidationRules) throws(APIError)
        -> EventInput
    {
        var issues: [ValidationIssue] = []
        var input = EventInput()
        issues += unknownFieldIssues(object, rules: rules)
        if let bodyId = object["eventId"] {
            if case .string(let text) = bodyId {
                if !ScalarExactString.equal(text, pathId), rules.rejectMismatchedId {
                    issues.append(
                        .body("eventId", "eventId in the body (\(text)) does not match the path (\(pathId))", "value_error")
                    )
                }
            } else {
                issues.append(.body("eventId", "Input should be a valid string", "string_type"))
            }
        }
        for field in EventField.allCases {
            input.set(field, from: object[field.rawValue], required: false, rules: rules, issues: &issues)
        }
        let presentFields = EventField.allCases.filter { object[$0.rawValue] != nil }
        if presentFields.isEmpty, rules.rejectEmptyUpdate {
            let names = EventField.allCases.map(\.rawValue).joined(separator: ", ")
            issues.append(
                .init(location: ["body"], message: "At least one updatable field is required: \(names)", type: "value_error")
            )
        }
        guard issues.isEmpty else { throw .validation(issues) }
        return input
    }

    /// `event` with this payload's fields replaced; when `dropOthers` is set (the
    /// `put-drops-fields` defect), fields not in the payload are emptied.
    func applied(to event: Event, dropOthers: Bool = false) -> Event {
        var result = event
        if dropOthers {
            result = EventInput(eventId: event.eventId).event(createdAt: event.createdAt)
        }
        if let title { result.title = title }
        if let description { result.description = description }
        if let date { result.eventDate = date }
        if let location { result.location = location }
        if let capacity { result.eventCapacity = capacity }
        if let organizer { result.organizer = organizer }
        if let status { result.eventStatus = status }
        return result
    }

    // MARK: - Fields

    private static func unknownFieldIssues(_ object: JSONObject, rules: ValidationRules) -> [ValidationIssue] {
        guard rules.rejectUnknownFields else { return [] }
        return object.keys.filter { !EventField.requestFieldNames.contains($0) }.sorted().map {
            .body($0, "Extra inputs are not permitted", "extra_forbidden")
        }
    }

    private mutating func set(
        _ field: EventField,
        from value: JSONValue?,
        required: Bool,
        rules: ValidationRules,
        issues: inout [ValidationIssue]
    ) {
        guard let value else {
            if required {
                if rules.requireAllFields {
                    issues.append(.body(field.rawValue, "Field required", "missing"))
                } else {
                    self.setDefault(field)
                }
            }
            return
        }
        switch field {
        case .capacity:
            self.capacity = Self.validateCapacity(value, rules: rules, issues: &issues)
        case .status:
            guard let text = Self.validateText(field.rawValue, value, maximumLength: nil, rules: rules, issues: &issues)
            else { return }
            let status = EventStatus(rawValue: text)
            if rules.checkStatus, !status.isKnown {
                issues.append(.body("status", "Input should be 'active', 'cancelled' or 'completed'", "enum"))
                return
            }
            self.status = status
        case .date:
            let value = rules.acceptPydanticDates ? PydanticLaxDate.day(of: value).map(JSONValue.string) ?? value : value
            guard let text = Self.validateText(field.rawValue, value, maximumLength: nil, rules: rules, issues: &issues)
            else { return }
            let shapeOK = CalendarDate.hasDateShape(text) || (rules.acceptUnpaddedDates && CalendarDate.hasLooseDateShape(text))
            if rules.checkDateFormat, !shapeOK {
                issues.append(
                    .body("date", "String should match pattern '\(ValidationRules.datePattern)'", "string_pattern_mismatch")
                )
                return
            }
            if rules.checkCalendar, !CalendarDate.isRealDate(text, loose: rules.acceptUnpaddedDates) {
                issues.append(.body("date", "Value error, \(text) is not a real calendar date", "value_error"))
                return
            }
            self.date = text
        case .title, .description, .location, .organizer:
            guard
                let text = Self.validateText(
                    field.rawValue,
                    value,
                    maximumLength: field.maximumLength,
                    rules: rules,
                    issues: &issues
                )
            else { return }
            switch field {
            case .title: self.title = text
            case .description: self.description = text
            case .location: self.location = text
            default: self.organizer = text
            }
        }
    }

    private mutating func setDefault(_ field: EventField) {
        switch field {
        case .title: self.title = ""
        case .description: self.description = ""
        case .date: self.date = ""
        case .location: self.location = ""
        case .capacity: self.capacity = 0
        case .organizer: self.organizer = ""
        case .status: self.status = EventStatus(rawValue: "")
        }
    }

    private static func validateEventId(
        _ value: JSONValue?,
        required: Bool,
        rules: ValidationRules,
        issues: inout [ValidationIssue]
    ) -> String? {
        guard let value else {
            if required {
                if rules.requireAllFields {
                    issues.append(.body("eventId", "Field required", "missing"))
                } else {
                    return ""
                }
            }
            return nil
        }
        guard let text = validateText("eventId", value, maximumLength: nil, rules: rules, issues: &issues) else {
            return nil
        }
        if rules.enforceLengths, !isValidEventId(text) {
            issues.append(
                .body("eventId", "String should match pattern '\(ValidationRules.eventIdPattern)'", "string_pattern_mismatch")
            )
            return nil
        }
        return text
    }

    /// Whether `text` is 1–128 characters of `A-Z a-z 0-9 - _ . :`.
    static func isValidEventId(_ text: String) -> Bool {
        let bytes = text.utf8
        guard (1...ValidationRules.eventIdMaximumLength).contains(bytes.count) else { return false }
        return bytes.allSatisfy { byte in
            switch byte {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"), UInt8(ascii: "."),
                UInt8(ascii: ":"):
                true
            default: false
            }
        }
    }

    private static func validateText(
        _ name: String,
        _ value: JSONValue,
        maximumLength: Int?,
        rules: ValidationRules,
        issues: inout [ValidationIssue]
    ) -> String? {
        guard case .string(let text) = value else {
            if !rules.checkTypes { return value.serialized() }
            issues.append(.body(name, "Input should be a valid string", "string_type"))
            return nil
        }
        if rules.rejectBlankStrings, BlankText.isBlank(text) {
            issues.append(
                .body(name, "String should have at least 1 character that is not whitespace", "string_too_short")
            )
            return nil
        }
        if rules.enforceLengths, let maximumLength, text.unicodeScalars.count > maximumLength {
            issues.append(.body(name, "String should have at most \(maximumLength) characters", "string_too_long"))
            return nil
        }
        return text
    }

    private static func validateCapacity(_ value: JSONValue, rules: ValidationRules, issues: inout [ValidationIssue])
        -> Int64?
    {
        let capacity: Int64?
        switch value {
        case .integer(let integer):
            capacity = integer
        case .double(let number) where rules.acceptIntegralNumbers && number.rounded(.towardZero) == number:
            // 500.0 is the integer 500, as JSON Schema counts it.
            capacity = Int64(exactly: number)
        case .double(let number) where rules.truncateFractionalCapacity && number.isFinite:
            capacity = Int64(exactly: number.rounded(.towardZero))
        case .double:
            issues.append(
                .body("capacity", "Input should be a valid integer, got a number with a fractional part", "int_from_float")
            )
            return nil
        case .string(let text) where !rules.strictCapacityType:
            capacity = Int64(text.trimmingCharacters(in: .whitespaces))
        case .bool(let flag) where !rules.strictCapacityType:
            capacity = flag ? 1 : 0
        default:
            capacity = nil
        }
        if !rules.checkTypes, capacity == nil { return 0 }
        guard let capacity else {
            issues.append(.body("capacity", "Input should be a valid integer", "int_type"))
            return nil
        }
        if rules.requirePositiveCapacity, capacity <= 0 {
            issues.append(.body("capacity", "Input should be greater than 0", "greater_than"))
            return nil
        }
        return capacity
    }
}
