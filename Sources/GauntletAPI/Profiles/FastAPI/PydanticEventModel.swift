import GauntletJSON

/// The seed's two pydantic v2 models, validated as pydantic does in its default (lax) mode.
///
/// ```python
/// class Event(BaseModel):
///     eventId: str
///     title: str
///     description: str
///     date: str = Field(..., pattern=r"^\d{4}-\d{2}-\d{2}$")
///     location: str
///     capacity: int
///     organizer: str
///     status: Literal["active", "cancelled", "completed"]
///
/// class EventUpdate(BaseModel):   # every field Optional[...] = None; None means "not given"
///     title: Optional[str] = None
///     ...
/// ```
///
/// Strings are not coerced from other types and have no length or blank rule; the date is the
/// pattern only (`2025-02-30` passes, and so do other scripts' digits); `capacity` takes
/// `"500"`, `true` and `500.0` but not `500.5`; unknown fields (an update's `eventId` among
/// them) are ignored. Every issue is reported, in field order.
enum PydanticEventModel {
    /// The date pattern of the seed's model.
    static let datePattern = #"^\d{4}-\d{2}-\d{2}$"#
    /// Whether `text` matches ``datePattern`` as pydantic-core's Rust regex engine matches it:
    /// `\d` is any Unicode decimal digit (`٢٠٢٥-٠٦-٠١` passes, as in every such deployment),
    /// counted in code points, and `$` is the end of the text (no trailing newline).
    static func matchesDatePattern(_ text: String) -> Bool {
        let scalars = Array(text.unicodeScalars)
        guard scalars.count == 10, scalars[4] == "-", scalars[7] == "-" else { return false }
        return scalars.indices.allSatisfy { $0 == 4 || $0 == 7 || scalars[$0].properties.numericType == .decimal }
    }

    /// The three statuses, as pydantic's `literal_error` lists them.
    static let expectedStatuses = "'active', 'cancelled' or 'completed'"

    /// The fields of `Event`, in declaration order.
    static let createFields = ["eventId", "title", "description", "date", "location", "capacity", "organizer", "status"]
    /// The fields of `EventUpdate`, in declaration order.
    static let updateFields = ["title", "description", "date", "location", "capacity", "organizer", "status"]

    /// A validated field value.
    enum Value: Sendable, Equatable {
        case text(String)
        case integer(Int64)
    }

    /// Validates a create body: every field required.
    /// - Throws: ``FastAPIError`` 422 listing every issue.
    static func create(_ body: JSONValue) throws(FastAPIError) -> [String: Value] {
        let object = try Self.object(body)
        var issues: [PydanticIssue] = []
        var values: [String: Value] = [:]
        for field in Self.createFields {
            guard let value = object[field] else {
                issues.append(.field(field, "missing", "Field required", input: body))
                continue
            }
            if let checked = Self.validate(field, value, issues: &issues) { values[field] = checked }
        }
        guard issues.isEmpty else { throw .validation(issues) }
        return values
    }

    /// Validates an update body: every field optional, `null` the same as absent.
    /// - Returns: the fields given (possibly none).
    /// - Throws: ``FastAPIError`` 422 listing every issue.
    static func update(_ body: JSONValue) throws(FastAPIError) -> [String: Value] {
        let object = try Self.object(body)
        var issues: [PydanticIssue] = []
        var values: [String: Value] = [:]
        for field in Self.updateFields {
            guard let value = object[field], !value.isNull else { continue }
            if let checked = Self.validate(field, value, issues: &issues) { values[field] = checked }
        }
        guard issues.isEmpty else { throw .validation(issues) }
        return values
    }

    /// The body as an object, or pydantic's `model_attributes_type`.
    private static func object(_ body: JSONValue) throws(FastAPIError) -> JSONObject {
        guard let object = body.objectValue else {
            throw .validation([
                PydanticIssue(
                    type: "model_attributes_type",
                    location: [.name("body")],
                    message: "Input should be a valid dictionary or object to extract fields from",
                    input: body
                )
            ])
        }
        return object
    }

    private static func validate(_ field: String, _ value: JSONValue, issues: inout [PydanticIssue]) -> Value? {
        switch field {
        case "capacity":
            return Self.integer(value, issues: &issues).map(Value.integer)
        case "status":
            guard let text = value.stringValue, ["active", "cancelled", "completed"].contains(where: { ScalarExactString.equal($0, text) })
            else {
                issues.append(
                    .field(
                        field, "literal_error", "Input should be \(Self.expectedStatuses)", input: value,
                        context: [("expected", Self.expectedStatuses)]))
                return nil
            }
            return .text(text)
        default:
            guard let text = value.stringValue else {
                issues.append(.field(field, "string_type", "Input should be a valid string", input: value))
                return nil
            }
            if field == "date", !Self.matchesDatePattern(text) {
                issues.append(
                    .field(
                        field, "string_pattern_mismatch", "String should match pattern '\(Self.datePattern)'", input: value,
                        context: [("pattern", Self.datePattern)]))
                return nil
            }
            return .text(text)
        }
    }

    /// pydantic's lax `int`: integers, integral floats, booleans and integer strings.
    private static func integer(_ value: JSONValue, issues: inout [PydanticIssue]) -> Int64? {
        switch value {
        case .integer(let integer):
            return integer
        case .bool(let flag):
            return flag ? 1 : 0
        case .double(let number):
            guard number.rounded(.towardZero) == number else {
                issues.append(
                    .field(
                        "capacity", "int_from_float", "Input should be a valid integer, got a number with a fractional part",
                        input: value))
                return nil
            }
            guard let integer = Int64(exactly: number) else {
                issues.append(Self.tooLarge(value))
                return nil
            }
            return integer
        case .string(let text):
            var digits = text.trimmingWhitespace()
            // "500.0" and "500.00" are integers to pydantic; "500.5" is not.
            if let dot = digits.firstIndex(of: "."), digits[digits.index(after: dot)...].allSatisfy({ $0 == "0" }) {
                digits = String(digits[..<dot])
            }
            let unsigned = digits.hasPrefix("-") || digits.hasPrefix("+") ? digits.dropFirst() : digits[...]
            guard !unsigned.isEmpty, unsigned.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else {
                issues.append(
                    .field(
                        "capacity", "int_parsing", "Input should be a valid integer, unable to parse string as an integer",
                        input: value))
                return nil
            }
            guard let integer = Int64(digits.hasPrefix("+") ? String(digits.dropFirst()) : digits) else {
                issues.append(Self.tooLarge(value))
                return nil
            }
            return integer
        default:
            issues.append(.field("capacity", "int_type", "Input should be a valid integer", input: value))
            return nil
        }
    }

    /// An integer beyond what the table stores (DynamoDB would take it; the stores keep 64 bits).
    private static func tooLarge(_ value: JSONValue) -> PydanticIssue {
        .field(
            "capacity", "int_parsing_size", "Unable to parse input string as an integer, exceeded maximum size",
            input: value)
    }
}

extension String {
    /// The text without leading and trailing whitespace, as Python's `str.strip()` removes it.
    func trimmingWhitespace() -> String {
        let scalars = self.unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
            let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })
        else { return "" }
        return String(scalars[first...last])
    }
}
