import GauntletJSON
import Testing

/// The JSONPath Compliance Test Suite for RFC 9535 (`shared/testsuites/jsonpath-cts/cts.json`), every case.
@Suite("JSONPath Compliance Test Suite")
struct JSONPathComplianceTests {
    @Test("every case of the RFC 9535 compliance suite passes")
    func wholeSuite() throws {
        let suite = try ConformanceSuite.load("jsonpath-cts/cts.json")
        let cases = try #require(suite["tests"]?.arrayValue, "cts.json has no tests array")
        var passed = 0
        for testCase in cases {
            let name = testCase["name"]?.stringValue ?? "?"
            let selector = try #require(testCase["selector"]?.stringValue, "case \(name) has no selector")
            if testCase["invalid_selector"] == true {
                do {
                    let path = try JSONPath(selector)
                    Issue.record("\(name): invalid selector \(selector) was accepted as \(path)")
                } catch {
                    passed += 1
                }
                continue
            }
            let document = try #require(testCase["document"], "case \(name) has no document")
            let path: JSONPath
            do {
                path = try JSONPath(selector)
            } catch {
                Issue.record("\(name): valid selector \(selector) was rejected: \(error)")
                continue
            }
            let nodes = JSONValue.array(path.evaluate(document))
            let expected = testCase["result"].map { [$0] } ?? testCase["results"]?.arrayValue ?? []
            if expected.contains(nodes) {
                passed += 1
            } else {
                Issue.record("\(name): \(selector) selected \(nodes.serialized()), expected \(expected.map { $0.serialized() }.joined(separator: " or "))")
            }
        }
        print("JSONPath CTS: \(passed) of \(cases.count) cases pass")
        #expect(passed == cases.count)
        #expect(cases.count > 600, "the suite looks truncated: \(cases.count) cases")
    }
}
