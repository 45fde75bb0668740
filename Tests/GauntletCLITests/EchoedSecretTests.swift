import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import GauntletCLI

/// A deployment that echoes a request the way a Python one does (`http.server`, or any ASGI/WSGI
/// framework, FastAPI and Starlette included): the request target as it arrived, and each header
/// value's bytes read as ISO-8859-1, serialized by `json.dumps` (non-ASCII as lower-case `\u00xx`).
/// Non-ASCII secrets stay out of every report in the forms that echo gives them.
@Suite(.serialized, .timeLimit(.minutes(2))) struct EchoedSecretTests {
    let root = FileManager.default.temporaryDirectory.appendingPathComponent("echoed-secrets-\(UUID().uuidString)").path

    /// The request targets the echo received, for a test to read after the run.
    final class Targets: @unchecked Sendable {
        private let lock = NSLock()
        private var received: [String] = []
        func append(_ target: String) { lock.withLock { received.append(target) } }
        var all: [String] { lock.withLock { received } }
    }

    /// `text` in a JSON string as Python's `json.dumps` writes it: non-ASCII as `\u00xx`.
    static func pythonJSON(_ text: String) -> String {
        text.unicodeScalars.map { scalar in
            switch scalar {
            case "\"": "\\\""
            case "\\": "\\\\"
            case _ where scalar.isASCII: String(scalar)
            default:
                scalar.utf16.map { unit in
                    let hex = String(unit, radix: 16)
                    return "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                }.joined()
            }
        }.joined()
    }

    /// A value's UTF-8 bytes read as ISO-8859-1, as Python servers decode header bytes.
    static func latin1(_ text: String) -> String { String(String.UnicodeScalarView(text.utf8.map { Unicode.Scalar($0) })) }

    /// Answers every `/x/…` with 500 and a JSON body echoing the target and `X-Custom`.
    static func application(recording targets: Targets) -> some ApplicationProtocol {
        let router = Router()
        router.get("x/{key}") { request, _ -> Response in
            let target = request.head.path ?? ""
            targets.append(target)
            let custom = request.headers.first { $0.name.canonicalName == "x-custom" }?.value ?? ""
            let body = #"{"path": "\#(pythonJSON(target))", "headers": {"X-Custom": "\#(pythonJSON(latin1(custom)))"}}"#
            return Response(status: .internalServerError, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
        }
        return Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)))
    }

    @Test("A non-ASCII secret in a path and in a file's header, echoed by a Python-like deployment, is in no report of run or load", arguments: ["run", "load"])
    func nonASCIISecretsEchoedStayOutOfReports(command: String) async throws {
        defer { try? FileManager.default.removeItem(atPath: root) }
        let file = root + "-echo.yaml"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try """
            suite: echoed secrets
            headers: { X-Custom: "{{custom}}" }
            scenarios:
              - name: echo
                steps:
                  - name: echo
                    request: { path: "/x/{{k2}}" }
                    expect: { status: 200 }
            """.write(toFile: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: file) }
        let targets = Targets()
        let load = command == "load" ? ["--vus", "1", "--iterations", "1"] : []
        let status = try await Self.application(recording: targets).test(.live) { client in
            await Gauntlet.run(arguments: [
                command, file, "--base-url", "http://127.0.0.1:\(client.port ?? 0)", "--report-dir", root + "/reports",
                "--secret", "k2=Grüße-Secret-1", "--secret", "custom=naïve-Sécret-77",
            ] + load)
        }
        #expect(status == ExitStatus.checkFailed)
        // Gauntlet encodes the path's non-ASCII itself, in upper-case hex (RFC 3986 §2.1).
        #expect(targets.all.contains("/x/Gr%C3%BC%C3%9Fe-Secret-1"), "\(targets.all)")
        let files = FileManager.default.enumerator(atPath: root + "/reports")?.compactMap { $0 as? String } ?? []
        var checked = 0
        for name in files {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: root + "/reports/" + name, isDirectory: &isDirectory), !isDirectory.boolValue else { continue }
            let text = String(decoding: FileManager.default.contents(atPath: root + "/reports/" + name) ?? Data(), as: UTF8.self)
            checked += 1
            for form in ["Secret-1", "cret-77", #"na\u00c3\u00afve"#] {
                #expect(!text.contains(form), "\(name) shows \(form): \(text.prefix(3000))")
            }
        }
        #expect(checked >= 3, "\(files)")
    }
}
