import GauntletJSON
import Testing

@testable import GauntletScenario

@Suite struct TemplateTests {
    let scope = VariableScope(
        overrides: ["code": 422],
        constants: ["run_id": "g123"],
        environment: ["TOKEN": "s3cret"]
    ).adding([
        "event": ["eventId": "ev-{{run_id}}", "capacity": 500],
        "code": 400,
        "name": "Ada",
    ])

    @Test("Placeholders render", arguments: [
        ("hello {{name}}", "hello Ada"),
        ("{{ name }}!", "Ada!"),
        ("/events/{{event.eventId}}", "/events/ev-g123"),
        ("cap={{event.capacity}}", "cap=500"),
        ("Bearer {{env.TOKEN}}", "Bearer s3cret"),
        ("no placeholders", "no placeholders"),
        ("/events/{{ name | urlencode }}", "/events/Ada"),
        ("{{event | json}}", #"{"capacity":500,"eventId":"ev-g123"}"#),
    ])
    func renders(_ text: String, expected: String) throws {
        #expect(try Template(text).render(in: scope) == expected)
    }

    @Test func wholePlaceholderKeepsTheValueType() throws {
        #expect(try Template("{{event.capacity}}").renderValue(in: scope) == .integer(500))
        #expect(try Template("{{event}}").renderValue(in: scope) == ["eventId": "ev-g123", "capacity": 500])
    }

    @Test func urlencodeEscapesEverythingButUnreserved() throws {
        let scope = VariableScope().adding(["id": "a/b c?d"])
        #expect(try Template("{{id | urlencode}}").render(in: scope) == "a%2Fb%20c%3Fd")
        #expect(throws: TemplateError.self) { try Template("{{id | shout}}").render(in: scope) }
    }

    @Test func commandLineOverridesWin() throws {
        #expect(try Template("{{code}}").renderValue(in: scope) == .integer(422))
    }

    @Test func builtinsAreFreshOrStable() throws {
        let first = try Template("{{uuid}}").render(in: scope)
        let second = try Template("{{uuid}}").render(in: scope)
        #expect(first != second)
        #expect(first.count == 36)
        #expect(try Template("{{run_id}}").render(in: scope) == "g123")
    }

    @Test("Unresolvable placeholders are errors", arguments: [
        ("{{missing}}", "unknown variable 'missing'"),
        ("{{event.nope}}", "has no member 'nope'"),
        ("{{env.NOPE}}", "environment variable 'NOPE' is not set"),
        ("{{open", "unterminated placeholder"),
    ])
    func errors(_ text: String, message: String) {
        #expect {
            try Template(text).render(in: scope)
        } throws: { error in
            (error as? TemplateError)?.message.contains(message) == true
        }
    }

    @Test func selfReferenceIsCaught() {
        let looping = VariableScope().adding(["a": "{{b}}", "b": "{{a}}"])
        #expect(throws: TemplateError.self) { try Template("{{a}}").render(in: looping) }
    }
}
