import GauntletJSON

/// One entry of a FastAPI 422 `detail` list, as pydantic v2 reports it:
/// `{"type":"missing","loc":["body","title"],"msg":"Field required","input":{…}}`, with `ctx`
/// when pydantic adds one (the pattern, the expected literals, the JSON decode error).
struct PydanticIssue: Sendable, Equatable {
    /// One step of `loc`: a name, or a character offset (`["body", 0]` for invalid JSON).
    enum LocationPart: Sendable, Equatable {
        case name(String)
        case offset(Int)
    }

    /// pydantic's error type (`missing`, `string_type`, `int_parsing`, …).
    var type: String
    /// Where the bad value is: `["body", field]`, `["body"]` or `["body", offset]`.
    var location: [LocationPart]
    /// pydantic's message.
    var message: String
    /// The value that failed (the whole object for a missing field), or nil for `null`.
    var input: JSONValue?
    /// Extra context, as (key, string value) pairs in pydantic's order.
    var context: [(String, String)] = []

    static func == (lhs: PydanticIssue, rhs: PydanticIssue) -> Bool {
        lhs.type == rhs.type && lhs.location == rhs.location && lhs.message == rhs.message && lhs.input == rhs.input
            && lhs.context.map(\.0) == rhs.context.map(\.0) && lhs.context.map(\.1) == rhs.context.map(\.1)
    }

    /// An issue with a body field.
    static func field(_ name: String, _ type: String, _ message: String, input: JSONValue?, context: [(String, String)] = [])
        -> PydanticIssue
    {
        PydanticIssue(type: type, location: [.name("body"), .name(name)], message: message, input: input, context: context)
    }

    /// Writes the issue as pydantic's JSON object, members in pydantic's order.
    func write(to writer: inout JSONWriter) {
        writer.beginObject()
        writer.string(self.type, key: "type")
        writer.beginArray("loc")
        for part in self.location {
            switch part {
            case .name(let name): writer.string(name)
            case .offset(let offset): writer.integer(Int64(offset))
            }
        }
        writer.endArray()
        writer.string(self.message, key: "msg")
        writer.raw(self.input?.serialized() ?? "null", key: "input")
        if !self.context.isEmpty {
            var context = ""
            for (key, value) in self.context {
                context += context.isEmpty ? "{" : ","
                JSONWriter.appendQuoted(key, to: &context)
                context += ":"
                JSONWriter.appendQuoted(value, to: &context)
            }
            writer.raw(context + "}", key: "ctx")
        }
        writer.endObject()
    }
}
