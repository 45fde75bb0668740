import Foundation
import GauntletCLI
import Hummingbird
import HummingbirdTesting
import Testing

/// A deployment that echoes the request's headers in a 500 (an error page, a debug endpoint),
/// escaped as PHP's and Foundation's JSON encoders escape (`\/`, `\"`): `--header` values stay
/// out of every report in each form the echo gives them.
@Suite(.timeLimit(.minutes(1))) struct EchoingDeploymentTests {
    static let document = #"""
        {
          "openapi": "3.1.0",
          "info": {"title": "Echo", "version": "1"},
          "paths": {
            "/echo-fail": {"get": {"responses": {"200": {"description": "The request"}}}}
          }
        }
        """#

    /// `text` inside a JSON string the way PHP's `json_encode` writes it: `/` as `\/`.
    static func escaped(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "/", with: "\\/")
    }

    static func application() -> some ApplicationProtocol {
        let router = Router()
        router.get("echo-fail") { request, _ -> Response in
            let headers = request.headers.map { "\"\(escaped($0.name.rawName))\": \"\(escaped($0.value))\"" }.joined(separator: ", ")
            let body = #"{"method": "GET", "target": "\/echo-fail", "headers": {\#(headers)}}"#
            return Response(status: .internalServerError, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("Header values echoed JSON-escaped (\\/, \\\") appear in no report or finding file")
    func escapedEchoesAreRedacted() async throws {
        let folder = FuzzTarget.temporaryFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try Data(Self.document.utf8).write(to: URL(fileURLWithPath: folder + "/openapi.json"))
        try await Self.application().test(.live) { client in
            let status = await Gauntlet.run(arguments: [
                "fuzz", "--base-url", "http://127.0.0.1:\(client.port ?? 0)", "--openapi", folder + "/openapi.json", "--seed", "1",
                "--max-examples", "1", "--checks", "not_a_server_error", "--report-dir", folder + "/reports",
                "--header", "Authorization: Bearer tok/SLASHSECRET+x==", "--header", #"x-api-key: QQ"QUOTEDSECRET"ZZ"#,
            ])
            #expect(status == 1)
        }
        let files = FileManager.default.enumerator(atPath: folder + "/reports")?.compactMap { $0 as? String } ?? []
        #expect(files.contains { $0.hasPrefix("findings/") && $0.hasSuffix(".yaml") })
        for file in files {
            let text = String(decoding: FileManager.default.contents(atPath: folder + "/reports/" + file) ?? Data(), as: UTF8.self)
            #expect(!text.contains("SLASHSECRET") && !text.contains("QUOTEDSECRET"), "\(file): \(text.prefix(2000))")
        }
    }
}
