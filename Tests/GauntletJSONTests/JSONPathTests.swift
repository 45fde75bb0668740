import GauntletJSON
import Testing

@Suite("JSONPath queries")
struct JSONPathTests {
    /// The bookstore of RFC 9535, section 1.5.
    static let store: JSONValue = try! JSONValue(parsing: """
        { "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 399 }
          }
        }
        """)

    @Test("queries against the RFC 9535 bookstore", arguments: [
        ("$.store.book[*].author", [JSONValue](["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"])),
        ("$..author", ["Nigel Rees", "Evelyn Waugh", "Herman Melville", "J. R. R. Tolkien"]),
        ("$.store.*.color", ["red"]),
        ("$.store..price", [8.95, 12.99, 8.99, 22.99, 399]),
        ("$..book[2].title", ["Moby Dick"]),
        ("$..book[-1].title", ["The Lord of the Rings"]),
        ("$..book[0,1].title", ["Sayings of the Century", "Sword of Honour"]),
        ("$..book[:2].title", ["Sayings of the Century", "Sword of Honour"]),
        ("$..book[1:3].title", ["Sword of Honour", "Moby Dick"]),
        ("$..book[::2].title", ["Sayings of the Century", "Moby Dick"]),
        ("$..book[::-1].price", [22.99, 8.99, 12.99, 8.95]),
        ("$..book[5:0:-2].price", [22.99, 12.99]),
        ("$..book[5:1:-2].price", [22.99]),
        ("$..book[0:0]", []),
        ("$..book[::0]", []),
        ("$..book[?@.isbn].title", ["Moby Dick", "The Lord of the Rings"]),
        ("$..book[?(@.isbn)].title", ["Moby Dick", "The Lord of the Rings"]),
        ("$..book[?!@.isbn].title", ["Sayings of the Century", "Sword of Honour"]),
        ("$..book[?@.price<10].title", ["Sayings of the Century", "Moby Dick"]),
        ("$..book[?(@.price < 10 && @.category == 'fiction')].title", ["Moby Dick"]),
        ("$..book[?@.price > 20 || @.author == \"Nigel Rees\"].title", ["Sayings of the Century", "The Lord of the Rings"]),
        ("$..book[?!(@.price < 10)].price", [12.99, 22.99]),
        ("$..book[?@.price >= 12.99].price", [12.99, 22.99]),
        ("$..book[?@.price <= 8.99].price", [8.95, 8.99]),
        ("$..book[?@.category != 'fiction'].author", ["Nigel Rees"]),
        ("$..book[?@.price < $.store.bicycle.price].price", [8.95, 12.99, 8.99, 22.99]),
        ("$..book[?match(@.author, 'J.*')].title", ["The Lord of the Rings"]),
        ("$..book[?match(@.author, 'Rees')].title", []),
        ("$..book[?search(@.author, 'Rees')].title", ["Sayings of the Century"]),
        ("$..book[?length(@.title) > 15].title", ["Sayings of the Century", "The Lord of the Rings"]),
        ("$.store[?count(@.*) == 2].color", ["red"]),
        ("$['store']['bicycle']['color']", ["red"]),
        ("$[\"store\"].bicycle[\"color\"]", ["red"]),
        ("$.store.bicycle['color','price']", ["red", 399]),
        ("$..book.length", []),
        ("$.store.book[4]", []),
        ("$.nothing..author", []),
        ("$", [JSONPathTests.store]),
    ] as [(String, [JSONValue])])
    func bookstore(query: String, expected: [JSONValue]) throws {
        let path = try JSONPath(query)
        #expect(path.evaluate(Self.store) == expected)
    }

    static let events: JSONValue = [
        "events": [
            ["eventId": "e1", "title": "Launch", "eventCapacity": 500, "eventStatus": "active", "createdAt": "2024-11-07T10:30:00"],
            ["eventId": "e2", "title": "Retro", "eventCapacity": 20, "eventStatus": "cancelled", "createdAt": "2024-11-08T09:00:00"],
            ["eventId": "e3", "title": "Meetup", "eventCapacity": 500.0, "eventStatus": "active"],
        ],
    ]

    @Test("queries against an events list", arguments: [
        ("$.events[?(@.eventStatus == 'active')].eventId", [JSONValue](["e1", "e3"])),
        ("$.events[?@.eventStatus == 'active'].eventId", ["e1", "e3"]),
        ("$.events[?@.createdAt].eventId", ["e1", "e2"]),
        ("$.events[?@.eventCapacity == 500].eventId", ["e1", "e3"]),
        ("$.events[?@.eventCapacity > 100 && @.eventStatus == 'active'].title", ["Launch", "Meetup"]),
        ("$.events[?@.eventStatus == 'completed']", []),
        ("$.events[?@.missing == @.alsoMissing].eventId", ["e1", "e2", "e3"]),
        ("$.events[?@.missing != 'x'].eventId", ["e1", "e2", "e3"]),
        ("$.events[?@.missing < 1].eventId", []),
        ("$.events[?@.eventCapacity < 'z'].eventId", []),
        ("$.events[?@.title < 'M'].eventId", ["e1"]),
        ("$.events[?@.eventStatus == true]", []),
        ("$.events[?match(@.createdAt, '2024-11-0[78]T.*')].eventId", ["e1", "e2"]),
        ("$.events[0].eventId", ["e1"]),
        ("$.events[-1].eventId", ["e3"]),
        ("$.events.length", []),
        ("$.events[*].eventCapacity", [500, 20, 500.0]),
        ("$..[0].eventId", ["e1"]),
        ("$[?count(@[*]) == 3]", [JSONPathTests.events["events"]!]),
        ("$[?value(@[0].eventId) == 'e1']", [JSONPathTests.events["events"]!]),
        ("$.events[? @.eventCapacity>=500 ].eventId", ["e1", "e3"]),
    ] as [(String, [JSONValue])])
    func eventsQueries(query: String, expected: [JSONValue]) throws {
        #expect(try JSONPath(query).evaluate(Self.events) == expected)
    }

    @Test("names with escapes in brackets")
    func escapedNames() throws {
        let document: JSONValue = ["it's": 1, "quote\"d": 2, "tab\t": 3, "é": 4, "a/b": 5]
        #expect(try JSONPath("$['it\\'s']").evaluate(document) == [1])
        #expect(try JSONPath("$[\"quote\\\"d\"]").evaluate(document) == [2])
        #expect(try JSONPath("$['tab\\t']").evaluate(document) == [3])
        #expect(try JSONPath("$['\\u00e9']").evaluate(document) == [4])
        #expect(try JSONPath("$.é").evaluate(document) == [4])
        #expect(try JSONPath("$['a/b']").evaluate(document) == [5])
    }

    @Test("singular queries have only names and indexes", arguments: [
        ("$", true), ("$.a", true), ("$.a[0]['b']", true), ("$.a[-1]", true),
        ("$.a[*]", false), ("$.*", false), ("$..a", false), ("$.a[0:1]", false), ("$.a[0,1]", false), ("$.a[?@.b]", false),
    ])
    func singular(query: String, isSingular: Bool) throws {
        #expect(try JSONPath(query).isSingular == isSingular)
    }

    @Test("invalid queries name the column and the problem", arguments: [
        ("", 1, "empty query, expected '$'"),
        ("events", 1, "a query must start with '$'"),
        ("$.", 3, "expected a name or '*' after '.'"),
        ("$.1a", 3, "expected a name or '*' after '.', found '1'"),
        ("$..", 4, "expected a name, '*' or '[' after '..'"),
        ("$[", 3, "expected a selector"),
        ("$[0", 4, "expected ']' to close '['"),
        ("$[0 1]", 5, "expected ',' or ']' after selector, found '1'"),
        ("$['a]", 3, "unterminated string"),
        ("$['\\q']", 4, "invalid escape '\\q' in string"),
        ("$[01]", 3, "leading zeros or -0 are not allowed in an index"),
        ("$[-0]", 3, "leading zeros or -0 are not allowed in an index"),
        ("$[9007199254740992]", 3, "index 9007199254740992 is out of range"),
        ("$.a b", 5, "unexpected 'b'"),
        ("$[?@.a == ]", 11, "expected a query, a literal or a function call, found ']'"),
        ("$[?@.a[*] == 1]", 4, "a comparison needs a singular query (names and indexes only)"),
        ("$[?length(@.a)]", 4, "the result of length() must be compared"),
        ("$[?match(@.a, 'x') == true]", 4, "match() returns a logical value and cannot be compared"),
        ("$[?foo(@.a)]", 4, "unknown function 'foo()'"),
        ("$[?length(@.a, @.b) == 1]", 4, "length() takes 1 argument, got 2"),
        ("$[?count('x') == 1]", 4, "count() takes a query as its argument"),
        ("$[?(@.a == 1]", 13, "expected ')', found ']'"),
        ("$[?'a']", 7, "expected a comparison operator after the literal, found ']'"),
        ("$[?@.a = 1]", 8, "expected ',' or ']' after selector, found '='"),
        ("$[?maybe]", 4, "unknown word 'maybe'"),
        (" $", 1, "a query must start with '$'"),
        ("$.a ", 4, "blank space after the query is not allowed"),
        ("$[?length(@.*) < 3]", 4, "length() takes a value, so its query argument must be singular (names and indexes only)"),
        ("$[?match(@[0, 1], 'a')]", 4, "match() takes a value, so its query argument must be singular (names and indexes only)"),
    ] as [(String, Int, String)])
    func invalid(query: String, position: Int, message: String) {
        #expect(throws: JSONPathError(position: position, message: message)) {
            try JSONPath(query)
        }
    }

    @Test("Nothing is not null: a missing member equals only another missing member")
    func nothingIsNotNull() throws {
        let document: JSONValue = [["a": nil], ["b": 1]]
        #expect(try JSONPath("$[?@.a == null]").evaluate(document) == [["a": nil]])
        #expect(try JSONPath("$[?@.a != null]").evaluate(document) == [["b": 1]])
        #expect(try JSONPath("$[?@.x == @.y]").evaluate(document) == [["a": nil], ["b": 1]])
    }

    @Test("in match() and search(), '.' matches any character but CR and LF, U+2028 included")
    func regexDot() throws {
        let document: JSONValue = ["\u{2028}", "\n", "\r", "a"]
        #expect(try JSONPath("$[?match(@, '.')]").evaluate(document) == ["\u{2028}", "a"])
        #expect(try JSONPath("$[?match(@, '[.]')]").evaluate(document) == [])
        #expect(try JSONPath("$[?match(@, '\\\\.')]").evaluate([".", "a"]) == ["."])
    }

    @Test("the error description names the column")
    func errorDescription() {
        #expect(JSONPathError(position: 4, message: "expected a selector").description == "column 4: expected a selector")
    }

    @Test("paths compare and print by their text")
    func textIdentity() throws {
        let path = try JSONPath("$.events[0]")
        #expect(path == (try JSONPath("$.events[0]")))
        #expect(path.description == "$.events[0]")
    }

    @Test("Patterns written in match() and search() that are no regular expression, wherever they stand")
    func invalidLiteralPatternsAreFound() throws {
        #expect(try JSONPath("$.events[?match(@.title, '([x')]").invalidLiteralPatterns == ["([x"])
        #expect(try JSONPath("$..[?@.a && !search(@.b, '[')][?match(@.c, 'ok')]").invalidLiteralPatterns == ["["])
        #expect(try JSONPath("$[?count(@[?match(@, '(')]) == 0]").invalidLiteralPatterns == ["("])
        #expect(try JSONPath("$.events[?match(@.title, '^T.*')]").invalidLiteralPatterns == [])
        #expect(try JSONPath("$.events[?match(@.title, @.pattern)]").invalidLiteralPatterns == [], "a pattern from the document is the document's")
    }

    @Test("A string literal written from any text selects that text, and that text only", arguments: [
        "it's", #"a\b"#, "line\nbreak", "tab\tand\u{1}", "Ünïcødé ✓", #"\'"#,
    ])
    func stringLiteralsSelectTheirText(text: String) throws {
        let items: JSONValue = [.string(text), .string(text + "x"), .string("other")]
        #expect(try JSONPath("$[?@ == \(JSONPath.stringLiteral(text))]").evaluate(items) == [.string(text)])
        #expect(try JSONPath("$[\(JSONPath.stringLiteral(text))]").evaluate([text: 1]) == [1])
    }
}
