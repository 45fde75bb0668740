import ArgumentParser
import Foundation
import Testing

@testable import GauntletCLI

/// The sharded-load deployment files (`deploy/`): they pass `Scripts/lint-deploy`, broken copies
/// fail it (so the checks are real), and they are wired together: every shard runs its own index
/// of the same N, and the merge reads every shard's directory and passes its verdict on. No
/// cluster or GitHub runner is here: the shell each one runs is run here against a stand-in
/// `gauntlet` that records its arguments and exits as told.
@Suite(.timeLimit(.minutes(5))) struct DeploymentFilesTests {
    static let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let loadJob = "deploy/kubernetes/gauntlet-sharded-load.yaml"
    static let mergeJob = "deploy/kubernetes/gauntlet-merge.yaml"
    static let workflow = "deploy/github-actions/sharded-load.yml"

    /// The text of a shipped file, by its path from the package root.
    static func text(_ path: String) throws -> String {
        try String(contentsOf: packageRoot.appendingPathComponent(path), encoding: .utf8)
    }

    /// Runs `executable` with `arguments` and returns its exit status and everything it printed.
    static func run(_ executable: URL, _ arguments: [String], environment: [String: String] = [:],
                    in directory: URL? = nil) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        if let directory { process.currentDirectoryURL = directory }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Runs `Scripts/lint-deploy` (which installs its tools into a virtual environment when missing).
    static func lintDeploy(_ paths: [String] = []) throws -> (status: Int32, output: String) {
        try run(packageRoot.appendingPathComponent("Scripts/lint-deploy"), paths)
    }

    /// A fresh temporary directory, removed by the caller.
    static func temporaryDirectory() throws -> URL {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("deploy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }

    /// The block scalar (`run: |` or `- |`) that follows the first line containing `marker`,
    /// without its indentation: the shell script a step or a container runs.
    static func script(in text: String, after marker: String) throws -> String {
        let lines = text.components(separatedBy: "\n")
        let markerIndex = try #require(lines.firstIndex { $0.contains(marker) }, "no line contains \(marker)")
        let blockStart = try #require(lines[markerIndex...].firstIndex { $0.hasSuffix("|") }, "no block scalar after \(marker)")
        let indentation = { (line: String) in line.prefix { $0 == " " }.count }
        let openerIndentation = indentation(lines[blockStart])
        let body = lines[(blockStart + 1)...].prefix { $0.isEmpty || indentation($0) > openerIndentation }
        let bodyIndentation = indentation(try #require(body.first))
        return body.map { String($0.dropFirst(bodyIndentation)) }.joined(separator: "\n")
    }

    /// A directory holding a stand-in `gauntlet` that appends its arguments, one line per run,
    /// to `arguments.txt` beside it, writes `summary.md` into a merge's `--report-dir`, and
    /// exits with `$FAKE_STATUS`.
    static func fakeGauntlet(in directory: URL) throws -> URL {
        let bin = directory.appendingPathComponent("bin")
        try FileManager.default.createDirectory(at: bin, withIntermediateDirectories: true)
        let fake = bin.appendingPathComponent("gauntlet")
        try """
            #!/bin/sh
            echo "$*" >> "\(directory.path)/arguments.txt"
            if [ "$1" = merge ]; then
                while [ $# -gt 0 ]; do
                    if [ "$1" = --report-dir ]; then mkdir -p "$2" && echo "merged summary" > "$2/summary.md"; fi
                    shift
                done
            fi
            exit "${FAKE_STATUS:-0}"
            """.write(to: fake, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fake.path)
        return bin
    }

    /// The first capture of `pattern` in `text`, as a number.
    static func number(_ pattern: String, in text: String) throws -> Int {
        let match = try #require(try Regex(pattern).firstMatch(in: text), "\(pattern) not found")
        let capture = try #require(match.output[1].substring, "\(pattern) captured nothing")
        return try #require(Int(capture), "\(capture) is not a number")
    }

    // MARK: - Lint

    @Test("The shipped Kubernetes manifests and workflow pass Scripts/lint-deploy, every tool named")
    func shippedFilesPass() throws {
        let (status, output) = try Self.lintDeploy()
        #expect(status == 0, "\(output)")
        for line in ["ok: yamllint", "ok: check-jsonschema", "ok: kubernetes-validate", "lint-deploy: 3 file(s) passed"] {
            #expect(output.contains(line), "\(line) in \(output)")
        }
        for file in [Self.loadJob, Self.mergeJob] {
            #expect(output.contains("strict: \(Self.packageRoot.appendingPathComponent(file).path)"), "\(file) in \(output)")
        }
    }

    /// A shipped file with one edit, and what the lint must say about it.
    struct Breakage: Sendable, CustomTestStringConvertible {
        let file: String
        let original: String
        let replacement: String
        let expectedMessage: String
        var testDescription: String { "\(file): \(original.debugDescription) → \(replacement.debugDescription)" }
    }

    static let breakages = [
        // kubernetes-validate, strict: an unknown field.
        Breakage(file: loadJob, original: "completionMode: Indexed", replacement: "completionMod: Indexed",
                 expectedMessage: "'completionMod' was unexpected"),
        // kubernetes-validate: a field of the wrong type.
        Breakage(file: loadJob, original: "parallelism: 4", replacement: "parallelism: four",
                 expectedMessage: "'four' is not of type 'integer'"),
        Breakage(file: loadJob, original: "accessModes: [ReadWriteMany]", replacement: "accessModes: ReadWriteMany",
                 expectedMessage: "'ReadWriteMany' is not of type 'array'"),
        Breakage(file: mergeJob, original: "restartPolicy: Never", replacement: "restartPolicy: Never\n      restartPolicies: [Never]",
                 expectedMessage: "'restartPolicies' was unexpected"),
        // check-jsonschema, GitHub Actions workflow schema: a job without a runner.
        Breakage(file: workflow, original: "  build:\n    runs-on: ubuntu-latest\n", replacement: "  build:\n",
                 expectedMessage: "'runs-on' is a required property"),
        Breakage(file: workflow, original: "workflow_dispatch:", replacement: "workflow_dispatched:",
                 expectedMessage: "$.on: {'workflow_dispatched'"),
    ]

    @Test("A broken copy fails Scripts/lint-deploy, which names the problem", arguments: breakages)
    func brokenCopyFails(_ breakage: Breakage) throws {
        let text = try Self.text(breakage.file)
        #expect(text.contains(breakage.original), "the shipped file no longer contains \(breakage.original)")
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent((breakage.file as NSString).lastPathComponent).path
        try text.replacingOccurrences(of: breakage.original, with: breakage.replacement).write(toFile: broken, atomically: true, encoding: .utf8)
        let (status, output) = try Self.lintDeploy([broken])
        #expect(status != 0, "\(output)")
        #expect(output.contains("FAILED:"), "\(output)")
        #expect(output.contains(breakage.expectedMessage), "\(output)")
        #expect(output.contains(broken), "\(output)")
    }

    @Test("A duplicated key fails yamllint, named by file and line")
    func duplicatedKeyNamesTheLine() throws {
        let text = try Self.text(Self.mergeJob)
        let lines = text.components(separatedBy: "\n")
        let backoff = try #require(lines.firstIndex { $0 == "  backoffLimit: 0" })
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let broken = directory.appendingPathComponent("gauntlet-merge.yaml").path
        var brokenLines = lines
        brokenLines.insert("  backoffLimit: 1", at: backoff + 1)
        try brokenLines.joined(separator: "\n").write(toFile: broken, atomically: true, encoding: .utf8)
        let (status, output) = try Self.lintDeploy([broken])
        #expect(status != 0)
        #expect(output.contains("\(broken):\(backoff + 2):3: [error] duplication of key \"backoffLimit\""), "\(output)")
    }

    @Test("A file that is neither a manifest nor a workflow, or is missing, fails Scripts/lint-deploy")
    func unknownFilesFail() throws {
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let other = directory.appendingPathComponent("other.yaml").path
        try "name: not a deployment file\n".write(toFile: other, atomically: true, encoding: .utf8)
        let missing = directory.appendingPathComponent("missing.yaml").path
        let (status, output) = try Self.lintDeploy([other, missing])
        #expect(status != 0)
        #expect(output.contains("\(other): error: neither a Kubernetes manifest"), "\(output)")
        #expect(output.contains("\(missing): error: no such file"), "\(output)")
    }

    // MARK: - Kubernetes wiring

    @Test("The Indexed Job runs shard $(JOB_COMPLETION_INDEX) of N, N pods at once, into its own directory of the shared volume")
    func indexedJobWiring() throws {
        let text = try Self.text(Self.loadJob)
        let completions = try Self.number(#"\n  completions: (\d+)\n"#, in: text)
        let parallelism = try Self.number(#"\n  parallelism: (\d+)\n"#, in: text)
        let shards = try Self.number(#"--shard \$\(JOB_COMPLETION_INDEX\)/(\d+) "#, in: text)
        #expect(completions == shards)
        #expect(parallelism == shards)
        #expect(shards == 4)
        for line in ["kind: PersistentVolumeClaim", "accessModes: [ReadWriteMany]", "completionMode: Indexed", "backoffLimit: 0",
                     "restartPolicy: Never", "claimName: gauntlet-results", "mountPath: /results",
                     "gauntlet load Scenarios/load/read-heavy.yaml --base-url \"$(BASE_URL)\"",
                     "--start-at \"$(START_AT)\" --report-dir /results/shard-$(JOB_COMPLETION_INDEX)",
                     "value: ${START_AT}", "value: ${BASE_URL}", "image: ${IMAGE}"] {
            #expect(text.contains(line), "\(line)")
        }
    }

    @Test("The merge Job names every shard directory 0..N-1 on the same volume and nothing else")
    func mergeJobNamesEveryShard() throws {
        let loadText = try Self.text(Self.loadJob)
        let mergeText = try Self.text(Self.mergeJob)
        let shards = try Self.number(#"--shard \$\(JOB_COMPLETION_INDEX\)/(\d+) "#, in: loadText)
        let mergeLine = try #require(mergeText.components(separatedBy: "\n").first { $0.contains("gauntlet merge ") })
        let named = mergeLine.matches(of: #//results/shard-(\d+)/#).map { Int($0.output.1)! }
        #expect(named == Array(0..<shards))
        #expect(mergeLine.hasSuffix("--report-dir /results/merged"))
        for line in ["backoffLimit: 0", "restartPolicy: Never", "claimName: gauntlet-results", "mountPath: /results", "image: ${IMAGE}"] {
            #expect(mergeText.contains(line), "\(line)")
        }
    }

    /// Runs the load Job's container shell as Kubernetes would for `index` (its `$(NAME)`
    /// references replaced), the shared volume at `directory/results`.
    static func runShardContainer(index: Int, gauntletExits status: Int32, in directory: URL) throws -> Int32 {
        var script = try script(in: try text(loadJob), after: "command: [sh, -c]")
        for (name, value) in ["JOB_COMPLETION_INDEX": "\(index)", "BASE_URL": "http://127.0.0.1:9", "START_AT": "2030-01-01T00:00:00Z"] {
            script = script.replacingOccurrences(of: "$(\(name))", with: value)
        }
        script = script.replacingOccurrences(of: "/results", with: directory.appendingPathComponent("results").path)
        let bin = try fakeGauntlet(in: directory)
        let (exitStatus, output) = try run(URL(fileURLWithPath: "/bin/sh"), ["-c", script],
                                           environment: ["PATH": "\(bin.path):/usr/bin:/bin", "FAKE_STATUS": "\(status)"])
        #expect(!output.contains("not found"), "\(output)")
        return exitStatus
    }

    @Test("A shard pod whose load wrote its result (thresholds failed, interrupted) completes; invalid input fails the Job")
    func shardContainerExitStatus() throws {
        for (gauntletStatus, podStatus) in [(Int32(0), Int32(0)), (1, 0), (130, 0), (2, 2), (3, 3)] {
            let directory = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            // A stale result of an earlier run must not reach the merge.
            let stale = directory.appendingPathComponent("results/shard-3/load-result.json")
            try FileManager.default.createDirectory(at: stale.deletingLastPathComponent(), withIntermediateDirectories: true)
            try "{}".write(to: stale, atomically: true, encoding: .utf8)
            #expect(try Self.runShardContainer(index: 3, gauntletExits: gauntletStatus, in: directory) == podStatus, "gauntlet exited \(gauntletStatus)")
            #expect(!FileManager.default.fileExists(atPath: stale.path))
            let arguments = try String(contentsOf: directory.appendingPathComponent("arguments.txt"), encoding: .utf8)
            let results = directory.appendingPathComponent("results").path
            #expect(arguments == "load Scenarios/load/read-heavy.yaml --base-url http://127.0.0.1:9 --shard 3/4 --start-at 2030-01-01T00:00:00Z --report-dir \(results)/shard-3\n")
        }
    }

    // MARK: - GitHub Actions wiring

    /// Runs one `run:` script of the workflow as GitHub Actions runs `shell: bash`, in `directory`.
    static func runWorkflowStep(after marker: String, environment: [String: String], in directory: URL) throws -> (status: Int32, output: String) {
        let script = try script(in: try text(workflow), after: marker)
        let file = directory.appendingPathComponent("step.sh")
        try script.write(to: file, atomically: true, encoding: .utf8)
        return try run(URL(fileURLWithPath: "/bin/bash"), ["--noprofile", "--norc", "-eo", "pipefail", file.path],
                       environment: environment, in: directory)
    }

    @Test("The workflow runs a matrix of the planned shards, each passing its index of N, and uploads each shard's reports even when it fails")
    func workflowMatrixWiring() throws {
        let text = try Self.text(Self.workflow)
        let defaultShards = try Self.number(#"default: "(\d+)"\n      load_file"#, in: text)
        #expect(defaultShards == 4)
        for line in ["workflow_dispatch:", "base_url:", "shards:",
                     "fail-fast: false", "shard: ${{ fromJSON(needs.plan.outputs.shards) }}",
                     "SHARD: ${{ matrix.shard }}", "SHARDS: ${{ needs.plan.outputs.count }}", "START_AT: ${{ needs.plan.outputs.start_at }}",
                     "--shard \"$SHARD/$SHARDS\" --start-at \"$START_AT\" --report-dir \"Reports/shard-$SHARD\"",
                     "uses: actions/upload-artifact@v4\n        if: always()\n        with:\n          name: shard-${{ matrix.shard }}\n          path: Reports/shard-${{ matrix.shard }}",
                     "swift build -c release --product gauntlet", "container: swift:6.2-bookworm"] {
            #expect(text.contains(line), "\(line)")
        }
        #expect(!FileManager.default.fileExists(atPath: Self.packageRoot.appendingPathComponent(".github/workflows/sharded-load.yml").path),
                "users copy the workflow; this repository does not run it")

        // The plan step numbers the shards 0..N-1 and picks one start for all, in the future.
        let directory = try Self.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let outputs = directory.appendingPathComponent("outputs.txt")
        let (status, output) = try Self.runWorkflowStep(
            after: "id: plan", environment: ["SHARDS": "\(defaultShards)", "START_DELAY": "180", "GITHUB_OUTPUT": outputs.path], in: directory)
        #expect(status == 0, "\(output)")
        let lines = try String(contentsOf: outputs, encoding: .utf8).components(separatedBy: "\n")
        #expect(lines.contains("count=4"))
        #expect(lines.contains("shards=[0,1,2,3]"))
        let startLine = try #require(lines.first { $0.hasPrefix("start_at=") })
        let start = try #require(ISO8601DateFormatter().date(from: String(startLine.dropFirst("start_at=".count))), "\(startLine)")
        #expect(start.timeIntervalSinceNow > 120 && start.timeIntervalSinceNow < 240, "\(startLine)")

        for invalid in ["0", "33", "four"] {
            let (status, output) = try Self.runWorkflowStep(
                after: "id: plan", environment: ["SHARDS": invalid, "START_DELAY": "180", "GITHUB_OUTPUT": outputs.path], in: directory)
            #expect(status != 0, "shards \(invalid)")
            #expect(output.contains("::error::shards must be a whole number from 1 to 32"), "\(output)")
        }
    }

    @Test("A shard step passes when the load wrote its result (thresholds failed, interrupted) and fails on invalid input")
    func workflowShardStepExitStatus() throws {
        for (gauntletStatus, stepStatus) in [(Int32(0), Int32(0)), (1, 0), (130, 0), (2, 2)] {
            let directory = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            _ = try Self.fakeGauntlet(in: directory)
            let (status, output) = try Self.runWorkflowStep(
                after: "name: Run shard", environment: ["BASE_URL": "http://127.0.0.1:9", "LOAD_FILE": "Scenarios/load/read-heavy.yaml",
                                                        "SHARD": "1", "SHARDS": "4", "START_AT": "2030-01-01T00:00:00Z",
                                                        "FAKE_STATUS": "\(gauntletStatus)"], in: directory)
            #expect(status == stepStatus, "gauntlet exited \(gauntletStatus): \(output)")
            let arguments = try String(contentsOf: directory.appendingPathComponent("arguments.txt"), encoding: .utf8)
            #expect(arguments == "load Scenarios/load/read-heavy.yaml --base-url http://127.0.0.1:9 --shard 1/4 --start-at 2030-01-01T00:00:00Z --report-dir Reports/shard-1\n")
        }
    }

    @Test("The merge job downloads every shard-* artifact, merges shards 0..N-1 by name, adds the summary and fails with the merge")
    func workflowMergeGates() throws {
        let text = try Self.text(Self.workflow)
        for line in ["needs: [plan, load]", "if: ${{ always() && needs.plan.result == 'success' }}",
                     "uses: actions/download-artifact@v4\n        with:\n          pattern: shard-*\n          path: Reports",
                     "name: merged\n          path: Reports/merged"] {
            #expect(text.contains(line), "\(line)")
        }
        for (gauntletStatus, stepStatus) in [(Int32(0), Int32(0)), (1, 1), (2, 2), (130, 130)] {
            let directory = try Self.temporaryDirectory()
            defer { try? FileManager.default.removeItem(at: directory) }
            _ = try Self.fakeGauntlet(in: directory)
            let summary = directory.appendingPathComponent("step-summary.md")
            let (status, output) = try Self.runWorkflowStep(
                after: "name: Merge the shards", environment: ["SHARDS": "4", "GITHUB_STEP_SUMMARY": summary.path, "FAKE_STATUS": "\(gauntletStatus)"],
                in: directory)
            #expect(status == stepStatus, "gauntlet exited \(gauntletStatus): \(output)")
            let arguments = try String(contentsOf: directory.appendingPathComponent("arguments.txt"), encoding: .utf8)
            #expect(arguments == "merge Reports/shard-0 Reports/shard-1 Reports/shard-2 Reports/shard-3 --report-dir Reports/merged\n")
            #expect(try String(contentsOf: summary, encoding: .utf8) == "merged summary\n")
        }
    }

    @Test("Every gauntlet command line in the shipped files parses with the real command-line interface")
    func commandLinesParse() throws {
        // Kubernetes' $(NAME) and Actions' "$NAME" stand for values the engines fill in.
        let values = [
            "BASE_URL": "http://127.0.0.1:8000", "START_AT": "2030-01-01T00:00:00Z", "JOB_COMPLETION_INDEX": "2",
            "LOAD_FILE": "Scenarios/load/read-heavy.yaml", "SHARD": "1", "SHARDS": "4",
        ]
        var lines: [String] = []
        for path in [Self.loadJob, Self.mergeJob, Self.workflow] {
            for line in try Self.text(path).split(separator: "\n") {
                guard let range = line.range(of: "gauntlet load ") ?? line.range(of: "gauntlet merge ") else { continue }
                var command = String(line[range.lowerBound...])
                if let end = command.range(of: " ||") { command = String(command[..<end.lowerBound]) }
                for (name, value) in values { command = command.replacingOccurrences(of: "$(\(name))", with: value) }
                command = command.replacingOccurrences(of: "\"${directories[@]}\"", with: "Reports/shard-0 Reports/shard-1")
                lines.append(command)
            }
        }
        #expect(lines.count >= 4, "\(lines)")
        for line in lines {
            let words = try ShellWords.split(line, variables: values)
            #expect(throws: Never.self, "\(line)") { _ = try Gauntlet.parseAsRoot(Array(words.dropFirst())) }
        }
    }
}
