import GauntletHTTP
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

@Suite struct TemplateKeyAndFilterTests {
    let scope = VariableScope(constants: ["run_id": "g123"], environment: [:]).adding([
        "field": "title",
        "n": 7,
        "list": ["a", 1],
        "shape": ["{{field}}": "from a variable", "nested": ["key_{{n}}": true]],
    ])

    @Test func keysRenderAtAnyDepth() throws {
        let body: GauntletJSON.JSONValue = ["{{field}}": ["inner_{{n}}": [["{{field}}": 1]]], "plain": "{{field}}"]
        #expect(try body.rendered(in: scope) == ["title": ["inner_7": [["title": 1]]], "plain": "title"])
    }

    @Test func aKeyOfANonStringValueIsItsCompactJSON() throws {
        let body: GauntletJSON.JSONValue = ["{{n}}": 1, "{{list}}": 2]
        #expect(try body.rendered(in: scope) == ["7": 1, #"["a",1]"#: 2])
    }

    @Test func keysInsideAVariableRenderWhenTheVariableIsUsed() throws {
        #expect(try Template("{{shape}}").renderValue(in: scope) == ["title": "from a variable", "nested": ["key_7": true]])
    }

    @Test func twoKeysRenderingAlikeAreAnError() {
        let body: GauntletJSON.JSONValue = ["{{field}}": 1, "title": 2]
        #expect {
            try body.rendered(in: scope)
        } throws: { error in
            (error as? TemplateError)?.message.contains("both render to 'title'") == true
        }
    }

    @Test func omitAndMergeKeysAndBodyKeysReachTheRequest() throws {
        let renderer = RequestRenderer(baseURL: "http://h", defaultHeaders: [], commandLineHeaders: [], transfer: TransferOptions())
        let request = RequestTemplate(
            method: "PUT", target: .path("/events/x"),
            body: .json(["keep": 1, "{{field}}": "old", "drop_{{n}}": 0], omit: ["drop_{{n}}"], merge: ["{{field}}": "new", "n_{{n}}": "{{n}}"]),
            location: ScenarioLocation(file: "f", line: 1, column: 1))
        let spec = try renderer.render(request, in: scope)
        let sent = try GauntletJSON.JSONValue(parsing: try #require(spec.body))
        #expect(sent == ["keep": 1, "title": "new", "n_7": 7])
    }

    @Test("A CORS preflight goes out as a browser sends it: without credentials, unsigned")
    func aPreflightCarriesNoCredentials() throws {
        var transfer = TransferOptions()
        transfer.awsSigV4 = AWSSigV4(provider: "aws:amz:eu-west-1:execute-api", accessKeyID: "AKID", secretAccessKey: "secret")
        let renderer = RequestRenderer(
            baseURL: "http://h",
            defaultHeaders: [HeaderTemplate(name: "Authorization", value: "Bearer file-token"), HeaderTemplate(name: "Origin", value: "https://app.example.com")],
            commandLineHeaders: [HTTPHeader("x-api-key", "k")], transfer: transfer)
        let at = ScenarioLocation(file: "f", line: 1, column: 1)
        let preflight = try renderer.render(RequestTemplate(
            method: "OPTIONS", target: .path("/events"),
            headers: [HeaderTemplate(name: "Access-Control-Request-Method", value: "PUT")],
            location: at), in: scope)
        #expect(preflight.headers.map(\.name) == ["Origin", "Access-Control-Request-Method"], "the file's Origin stays, its credentials go")
        #expect(preflight.options.awsSigV4 == nil)
        let options = try renderer.render(RequestTemplate(method: "OPTIONS", target: .path("/events"), location: at), in: scope)
        #expect(options.headers.map(\.name) == ["Authorization", "Origin", "x-api-key"], "an OPTIONS that asks nothing of CORS is any request")
        #expect(options.options.awsSigV4 != nil)
    }

    @Test("A filled method, header or URL that would split the request is refused before it is sent", arguments: [
        (RequestTemplate(method: "{{m}}", target: .path("/e"), location: ScenarioLocation(file: "f", line: 1, column: 1)),
         #"the method 'GET /X HTTP/1.1\r\nX: 1' is not an HTTP method"#),
        (RequestTemplate(method: "GET", target: .path("/e"), headers: [HeaderTemplate(name: "X-A", value: "a{{crlf}}")],
                         location: ScenarioLocation(file: "f", line: 1, column: 1)),
         "the value of header 'X-A' holds a line break"),
        (RequestTemplate(method: "GET", target: .path("/e{{crlf}}"), location: ScenarioLocation(file: "f", line: 1, column: 1)),
         "the URL holds a line break"),
    ])
    func requestSplittingIsRefused(request: RequestTemplate, message: String) throws {
        let renderer = RequestRenderer(baseURL: "http://h", defaultHeaders: [], commandLineHeaders: [], transfer: TransferOptions())
        let scope = VariableScope().adding(["m": "GET /x HTTP/1.1\r\nX: 1", "crlf": "\r\nX-Injected: yes"])
        #expect {
            try renderer.render(request, in: scope)
        } throws: { error in
            (error as? TemplateError)?.message.hasPrefix(message) == true
        }
    }

    @Test("Variables that each use the one before ten times are refused past 100000 uses, not grown for ever")
    func expansionIsBounded() throws {
        var variables: [String: JSONValue] = ["v0": .string(String(repeating: "x", count: 20))]
        for level in 1...11 { variables["v\(level)"] = .string(String(repeating: "{{v\(level - 1)}}", count: 10)) }
        let scope = VariableScope().adding(variables)
        #expect {
            try Template("{{v11}}").render(in: scope)
        } throws: { error in
            (error as? TemplateError)?.message.hasPrefix("the value expands more than 100000 variables") == true
        }
        // Four levels (11,111 uses, a value of 200,000 characters) is within the bound.
        #expect(try Template("{{v4}}").render(in: scope).count == 200_000)
    }

    @Test("pad fills with x to exactly the length", arguments: [
        ("{{field | pad: 8}}", "titlexxx"),
        ("{{field | pad: 5}}", "title"),
        ("id-{{ n | pad: 3 }}", "id-7xx"),
        ("{{field | pad: 6 | urlencode}}", "titlex"),
        ("{{run_id|pad:4}}", "g123"),
    ])
    func pad(_ text: String, expected: String) throws {
        #expect(try Template(text).render(in: scope) == expected)
    }

    @Test func padRefusesTextLongerThanItsLength() {
        #expect {
            try Template("{{field | pad: 3}}").render(in: scope)
        } throws: { error in
            (error as? TemplateError)?.message.contains("longer than the pad length 3") == true
        }
    }

    @Test("Filters are checked when the template is parsed", arguments: [
        ("{{id | shout}}", "unknown filter 'shout'"),
        ("{{id | pad}}", "filter 'pad' takes a length"),
        ("{{id | pad: many}}", "filter 'pad' takes a length"),
        ("{{id | urlencode: 3}}", "takes no argument"),
        ("{{id | }}", "unknown filter ''"),
        ("{{ }}", "empty placeholder"),
    ])
    func badFilters(_ text: String, message: String) {
        #expect {
            try Template(text)
        } throws: { error in
            (error as? TemplateError)?.message.contains(message) == true
        }
    }
}
