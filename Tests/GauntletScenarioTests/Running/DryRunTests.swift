import Foundation
import GauntletHTTP
import GauntletJSON
import Testing

@testable import GauntletScenario

/// `--dry-run`: every request rendered as it would go out, with no network, captures shown
/// unresolved and secrets redacted.
@Suite struct DryRunTests {
    @Test func aForEachStepShowsItsFirstItemOrTheItemUnresolved() throws {
        let file = try ScenarioLoader.parse(yaml: """
            variables: { known: [a, b] }
            scenarios:
              - name: sweep
                steps:
                  - { name: list, request: { path: /events }, capture: { ids: "$.events[*].eventId" } }
                  - { name: delete, for_each: { in: ids, as: id }, request: { method: DELETE, path: "/events/{{id}}" } }
                  - { name: known, for_each: { in: known, as: k }, request: { path: "/events/{{k}}" } }
            """, path: "dry.yaml")
        let output = DryRun(options: RunOptions(baseURL: "http://127.0.0.1:9", runID: "gdry")).describe([file])
        #expect(output.diagnostics.isEmpty)
        #expect(output.text.contains("delete (dry.yaml:6:9), for each item of 'ids' as 'id'\n    DELETE http://127.0.0.1:9/events/«{{id}}»"), "\(output.text)")
        #expect(output.text.contains("known (dry.yaml:7:9), for each item of 'known' as 'k'\n    GET http://127.0.0.1:9/events/a"), "\(output.text)")
    }

    @Test func printsEveryRequestWithCapturesUnresolvedAndSecretsRedacted() throws {
        let file = try ScenarioLoader.parse(yaml: """
            variables: { id: "d-{{scenario_uid}}" }
            headers: { Authorization: "Bearer {{token}}" }
            scenarios:
              - name: create then read
                steps:
                  - name: create
                    request: { method: POST, path: /events, json: { eventId: "{{id}}", key: "{{api_key}}" } }
                    capture: { created: $.eventId }
                  - name: read
                    request: { path: "/events/{{created | urlencode}}" }
                    when: { created: { exists: true } }
                teardown:
                  - request: { method: DELETE, path: "/events/{{created}}" }
              - name: staging only
                when: { target: staging }
                steps: [{ request: { path: /never } }]
            """, path: "dry.yaml")
        let options = RunOptions(
            baseURL: "http://127.0.0.1:9", variables: ["target": "prod"], secretVariables: ["api_key": "s3cret-key", "token": "t0ken-value"],
            runID: "gdry")
        let output = DryRun(options: options).describe([file])
        #expect(output.diagnostics.isEmpty)
        #expect(output.requests == 3)
        #expect(output.text == """
            dry.yaml: create then read
              create (dry.yaml:6:9)
                POST http://127.0.0.1:9/events
                Authorization: ***
                Content-Type: application/json

                {"eventId":"d-gdry-s0","key":"***"}
              read (dry.yaml:9:9)
                runs only when: { created exists true } (decided at run time)
                GET http://127.0.0.1:9/events/«{{created | urlencode}}»
                Authorization: ***
              teardown: DELETE /events/{{created}} (dry.yaml:13:9)
                DELETE http://127.0.0.1:9/events/«{{created}}»
                Authorization: ***

            dry.yaml: staging only
              skipped: when: target equals "staging" does not hold: target is "prod"


            """)
        #expect(!output.text.contains("s3cret-key") && !output.text.contains("t0ken-value"))
    }

    @Test func aTemplateThatCannotBeFilledIsADiagnosticAtItsStep() throws {
        let file = try ScenarioLoader.parse(yaml: """
            variables: { long: "0123456789" }
            scenarios:
              - name: too long to pad
                steps:
                  - request: { path: "/{{ long | pad: 4 }}" }
            """, path: "dry.yaml")
        let output = DryRun(options: RunOptions(baseURL: "http://h")).describe([file])
        #expect(output.diagnostics.map(\.location) == [ScenarioLocation(file: "dry.yaml", line: 5, column: 18)])
        #expect(output.requests == 0)
    }
}
