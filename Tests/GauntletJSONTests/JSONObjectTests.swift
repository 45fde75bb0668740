import GauntletJSON
import Testing

@Suite("JSONObject: ordered members, exact keys")
struct JSONObjectTests {
    @Test("members keep the order they were added in; updating keeps the position")
    func order() {
        var object: JSONObject = ["b": 1, "a": 2]
        object["c"] = 3
        object["b"] = 10
        #expect(object.keys == ["b", "a", "c"])
        #expect(object.values == [10, 2, 3])
        #expect(object.map { $0.key } == ["b", "a", "c"])
        #expect(object.count == 3 && !object.isEmpty)
    }

    @Test("removing a member keeps the others in order and still findable")
    func removal() {
        var object: JSONObject = ["a": 1, "b": 2, "c": 3, "d": 4]
        #expect(object.removeValue(forKey: "b") == 2)
        object["d"] = nil
        #expect(object.removeValue(forKey: "zz") == nil)
        #expect(object.keys == ["a", "c"])
        #expect(object["c"] == 3)
        object["b"] = 5
        #expect(object.keys == ["a", "c", "b"])
    }

    @Test("equality ignores order but not keys; hashing agrees")
    func equality() {
        let left: JSONObject = ["a": 1, "b": [1, 2]]
        let right: JSONObject = ["b": [1, 2], "a": 1]
        #expect(left == right)
        #expect(left.hashValue == right.hashValue)
        #expect(left != ["a": 1, "b": [2, 1]])
        #expect(left != ["a": 1])
        #expect(JSONValue.object(left) != .object(["a": 1.0, "b": [1, 2]]))
        #expect(JSONValue.object(left).isEquivalent(to: .object(["a": 1.0, "b": [1, 2]])))
        #expect(Set([JSONValue.object(left), .object(right)]).count == 1)
    }

    @Test("a dictionary converts in key order; mapValues keeps keys and order")
    func conversions() {
        let object = JSONObject(["z": 1, "m": 2, "a": 3] as [String: JSONValue])
        #expect(object.keys == ["a", "m", "z"])
        #expect(object.mapValues { _ in .null }.keys == ["a", "m", "z"])
        #expect(JSONObject([("k", 1), ("k", 2)] as [(String, JSONValue)])["k"] == 2)
        #expect(object.dictionary == ["z": 1, "m": 2, "a": 3])
    }

    @Test("serialization sorts keys by default and keeps member order when asked")
    func serialization() {
        let value: JSONValue = ["b": 1, "a": ["d": 2, "c": 3]]
        #expect(value.serialized() == #"{"a":{"c":3,"d":2},"b":1}"#)
        #expect(value.serialized(sortedKeys: false) == #"{"b":1,"a":{"d":2,"c":3}}"#)
    }

    @Test("strings escape quotes, backslashes and control characters, and keep everything else as it is")
    func stringEscapes() {
        #expect(JSONValue.string("plain café ✓ \u{301}").serialized() == "\"plain café ✓ \u{301}\"")
        #expect(JSONValue.string("q\"b\\n\nr\rt\tb\u{08}f\u{0C}z\u{0}d\u{7F}").serialized()
            == #""q\"b\\n\nr\rt\tb\bf\fz\u0000d\u007f""#)
        #expect(JSONValue.string("only a backslash \\").serialized() == #""only a backslash \\""#)
        #expect(JSONValue.string("only a quote \"").serialized() == #""only a quote \"""#)
        #expect(JSONValue.string("only a NUL \u{0}").serialized() == #""only a NUL \u0000""#)
        #expect(JSONValue.string("only DEL \u{7F}").serialized() == #""only DEL \u007f""#)
    }
}
