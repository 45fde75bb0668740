import Foundation
import GauntletHTTP
import GauntletJSON
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GauntletScenario

/// `capture: { NAME: { regex: PATTERN } }` takes text out of a body that is not JSON (a docs
/// page's link to its document), and `{{base_origin}}` reads a root-relative link as a browser
/// does. The contract's docs check is run here against pages the reference does not serve.
@Suite(.timeLimit(.minutes(1))) struct RegexCaptureTests {
    @Test("A regex capture is its first group when it has one, else the whole match, and finds nothing where nothing matches")
    func groupsAndWholeMatches() {
        #expect(MatchesPattern.firstMatch("url: '([^']*)'", in: "a url: '/prod/openapi.json', b") == "/prod/openapi.json")
        #expect(MatchesPattern.firstMatch("/[a-z]+\\.json", in: "see /openapi.json") == "/openapi.json")
        #expect(MatchesPattern.firstMatch("url: '([^']*)'", in: "no link") == nil)
        // A group that took no part in the match captures nothing, not an empty string.
        #expect(MatchesPattern.firstMatch("a(x)?b", in: "ab") == nil)
        #expect(MatchesPattern.firstMatch("([", in: "[") == nil)
    }

    @Test("base_origin is the base URL's scheme, credentials, host and port, without its path, query or fragment")
    func baseOrigin() {
        #expect(VariableScope.origin(of: "https://abc.execute-api.eu-west-1.amazonaws.com/prod") == "https://abc.execute-api.eu-west-1.amazonaws.com")
        // A browser sends the credentials again to the same origin.
        #expect(VariableScope.origin(of: "http://user:secret@127.0.0.1:8080/prod/v1?key=x") == "http://user:secret@127.0.0.1:8080")
        #expect(VariableScope.origin(of: "localhost:8080/prod") == "localhost:8080")
        #expect(VariableScope.origin(of: "http://h.example#top") == "http://h.example")
        #expect(VariableScope.origin(of: "http://[::1]:8080") == "http://[::1]:8080")
        #expect(VariableScope.origin(of: "http://h.example?x=1") == "http://h.example")
        let scope = VariableScope(constants: ["base_url": "https://h.example/prod"], environment: [:])
        #expect((try? scope.value(of: "base_origin")) == .string("https://h.example"))
    }

    /// Runs the contract's docs check against a server under `/prod` whose Swagger UI page is
    /// `page` and whose document is served at `/prod/openapi.json`.
    func docsCheck(page: String) async throws -> ScenarioResult {
        let router = Router()
        router.get("prod/docs") { _, _ in
            Response(status: .ok, headers: [.contentType: "text/html"], body: .init(byteBuffer: ByteBuffer(string: page)))
        }
        router.get("prod/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: "{}")))
        }
        let files = try ScenarioLoader.load(paths: [ContractSuite.path + "/docs.yaml"])
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        return try await application.test(.live) { client in
            let options = RunOptions(baseURL: "http://127.0.0.1:\(client.port ?? 0)/prod", runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: files))
            let run = await runner.run(files)
            return try #require(run.scenarios.first { $0.name == "/docs names an OpenAPI document that loads" })
        }
    }

    @Test("The docs page's document loads where the page names it: under the stage it passes, at the host's root it fails, a link not written from the root is not judged")
    func theDocsPageNamesItsDocument() async throws {
        let underStage = try await docsCheck(page: "SwaggerUIBundle({ url: '/prod/openapi.json', dom_id: '#swagger-ui' })")
        #expect(underStage.outcome == .passed)
        #expect(underStage.steps.last?.request?.url.hasSuffix("/prod/openapi.json") == true)

        let atTheRoot = try await docsCheck(page: "SwaggerUIBundle({ url: '/openapi.json', dom_id: '#swagger-ui' })")
        #expect(atTheRoot.outcome == .failed)
        #expect(atTheRoot.steps.last?.response?.status == 404)

        let relative = try await docsCheck(page: "SwaggerUIBundle({ url: 'openapi.json', dom_id: '#swagger-ui' })")
        #expect(relative.outcome == .skipped)
        #expect(relative.reason == "precondition failed: the page: capture document_path expected a value to capture, got (no match)")
    }

    @Test("A pattern whose placeholders make it no regular expression fails the step, even one written only with given: it is never 'nothing found'")
    func aRenderedPatternThatIsNoRegexFails() async throws {
        let router = Router()
        router.get("page") { _, _ in "url: '/openapi.json'" }
        let file = try ScenarioLoader.parse(yaml: """
            variables: { pattern: "url: '([" }
            scenarios:
              - name: reads a link
                steps:
                  - request: { path: /page }
                    given: { status: 200 }
                    capture: { link: { regex: "{{pattern}}" } }
            """, path: "page.yaml")
        let application = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
        let scenario = try await application.test(.live) { client in
            let options = RunOptions(baseURL: "http://127.0.0.1:\(client.port ?? 0)", runID: "gtest")
            let runner = ScenarioRunner(client: CurlClient.shared, options: options, schemas: try SchemaCatalog(for: [file]))
            return try #require(await runner.run([file]).scenarios.first)
        }
        #expect(scenario.outcome == .failed)
        #expect(scenario.steps.first?.assertions.map(\.actual) == ["(invalid regular expression 'url: '([')"])
    }
}
