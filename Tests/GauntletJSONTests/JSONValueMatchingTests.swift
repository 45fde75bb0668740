import GauntletJSON
import Testing

@Suite("Equivalence and subset matching")
struct JSONValueMatchingTests {
    @Test("numbers are equivalent across integer and double", arguments: [
        (JSONValue.integer(500), JSONValue.double(500.0), true),
        (.integer(500), .double(500.5), false),
        (.integer(9_007_199_254_740_993), .double(9_007_199_254_740_992), false),
        (["a": [1, 2]], ["a": [1.0, 2.0]], true),
        (["a": 1], ["a": 1, "b": 2], false),
        ([1, 2], [2, 1], false),
        ("500", 500, false),
        (true, 1, false),
        (nil, false, false),
    ] as [(JSONValue, JSONValue, Bool)])
    func equivalence(left: JSONValue, right: JSONValue, equivalent: Bool) {
        #expect(left.isEquivalent(to: right) == equivalent)
        #expect(right.isEquivalent(to: left) == equivalent)
    }

    static let actual: JSONValue = [
        "events": [
            ["eventId": "e1", "eventCapacity": 500, "eventStatus": "active", "createdAt": "2024-11-07T10:30:00"],
            ["eventId": "e2", "eventCapacity": 20, "eventStatus": "cancelled"],
        ],
        "my key": ["x": 1],
    ]

    @Test("a subset matches", arguments: [
        ["events": [["eventId": "e1"], ["eventStatus": "cancelled"]]] as JSONValue,
        ["events": [["eventCapacity": 500.0], [:]]],
        [:],
        JSONValueMatchingTests.actual,
    ])
    func subsetMatches(expected: JSONValue) {
        #expect(Self.actual.firstMismatch(against: expected) == nil)
    }

    @Test("the first mismatch names its path", arguments: [
        (["events": [["eventId": "e9"], [:]]] as JSONValue, "$.events[0].eventId", "expected string \"e9\", got string \"e1\""),
        (["events": [[:], ["eventCapacity": "20"]]], "$.events[1].eventCapacity", "expected string \"20\", got integer 20"),
        (["events": [[:], ["updatedAt": "x"]]], "$.events[1].updatedAt", "missing; expected \"x\""),
        (["events": [[:]]], "$.events", "expected an array of 1 elements, got 2"),
        (["my key": ["x": 2]], "$['my key'].x", "expected integer 2, got integer 1"),
        (["events": "all"], "$.events", "expected string \"all\", got array of 2 elements"),
    ] as [(JSONValue, String, String)])
    func mismatchPaths(expected: JSONValue, path: String, message: String) throws {
        let mismatch = try #require(Self.actual.firstMismatch(against: expected))
        #expect(mismatch.path == path)
        #expect(mismatch.message == message)
        #expect(mismatch.description == "\(path): \(message)")
    }

    @Test("a missing member has no actual value")
    func missingHasNilActual() throws {
        let actual: JSONValue = ["a": 1]
        let mismatch = try #require(actual.firstMismatch(against: ["b": 2], path: "$.body"))
        #expect(mismatch.path == "$.body.b")
        #expect(mismatch.actual == nil)
        #expect(mismatch.expected == 2)
    }
}
