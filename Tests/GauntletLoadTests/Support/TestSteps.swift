import GauntletJSON
import GauntletLoad
import GauntletScenario

/// Load steps and flows for tests, built as the scenario reader would build them from
/// `request: {method, path, json}` and `expect: {status}`.
extension LoadStep {
    static let testLocation = ScenarioLocation(file: "test.yaml", line: 1, column: 1)

    /// A step named `name` that sends `method path` (with `json` as its body, if any) and expects
    /// one of `expect` (below 400 when empty).
    static func request(
        _ name: String, method: String = "GET", path: String, headers: [HeaderTemplate] = [], json: JSONValue? = nil,
        expect: [Int] = []
    ) -> LoadStep {
        let request = RequestTemplate(
            method: method, target: .path(path), headers: headers, body: json.map { .json($0, omit: [], merge: [:]) },
            location: testLocation)
        let expectations =
            expect.isEmpty ? [] : [Expectation(.status(.array(expect.map { .integer(Int64($0)) })), location: testLocation)]
        return LoadStep(Step(name: name, request: request, expectations: expectations, location: testLocation))
    }
}

extension LoadFlow {
    /// A mix entry of one request.
    static func single(_ step: LoadStep, weight: Int = 1) -> LoadFlow {
        LoadFlow(name: step.name, weight: weight, steps: [step])
    }
}
