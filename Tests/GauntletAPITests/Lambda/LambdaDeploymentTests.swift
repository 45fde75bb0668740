import Foundation
import Testing

/// The infrastructure template (`Scripts/aws/template.yaml`) passes cfn-lint, and cfn-lint
/// fails a template that breaks it, so the check is real.
@Suite(.timeLimit(.minutes(5))) struct LambdaDeploymentTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let template = packageRoot.appendingPathComponent("Scripts/aws/template.yaml").path

    /// Runs `Scripts/cfn-lint` (which installs cfn-lint into a virtual environment when missing).
    static func cfnLint(_ path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = packageRoot.appendingPathComponent("Scripts/cfn-lint")
        process.arguments = [path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    @Test("The SAM template passes cfn-lint")
    func templatePasses() throws {
        let (status, output) = try Self.cfnLint(Self.template)
        #expect(status == 0, "\(output)")
    }

    @Test("A template with an unknown runtime fails cfn-lint, naming the line")
    func brokenTemplateFails() throws {
        let text = try String(contentsOfFile: Self.template, encoding: .utf8)
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("template-\(UUID().uuidString).yaml").path
        defer { try? FileManager.default.removeItem(atPath: broken) }
        try text.replacingOccurrences(of: "provided.al2023", with: "provided.al2099").write(toFile: broken, atomically: true, encoding: .utf8)
        let (status, output) = try Self.cfnLint(broken)
        #expect(status != 0)
        #expect(output.contains("provided.al2099"))
    }

    @Test("The template runs events-api as bootstrap on provided.al2023, on its table, under the prod stage")
    func templateWiring() throws {
        let text = try String(contentsOfFile: Self.template, encoding: .utf8)
        for line in ["Runtime: provided.al2023", "Handler: bootstrap", "EVENTS_API_STORE: !Sub \"dynamodb:${EventsTable}\"", "Default: prod",
                     "AttributeName: eventId", "BillingMode: PAY_PER_REQUEST", "Path: /{proxy+}", "CodeUri: ../../.build/lambda/events-api.zip"] {
            #expect(text.contains(line), "\(line)")
        }
    }
}
