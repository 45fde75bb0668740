import Foundation

/// The `gauntlet` executable run as a child process, for what only a real process shows: the
/// console output (stdout and stderr, in one capture) and the exit status.
enum GauntletProcess {
    /// The `gauntlet` binary next to the test bundle (built by `swift build --build-tests`).
    static var binary: URL? {
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for _ in 0..<4 {
            let candidate = directory.appendingPathComponent("gauntlet")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            directory.deleteLastPathComponent()
        }
        let fallback = URL(fileURLWithPath: FileManager.default.currentDirectoryPath).appendingPathComponent(".build/debug/gauntlet")
        return FileManager.default.isExecutableFile(atPath: fallback.path) ? fallback : nil
    }

    /// Runs `binary` with `arguments` and returns its exit status and everything it printed.
    /// Output goes to a file, so that no pipe can fill up while the process runs.
    static func run(_ binary: URL, arguments: [String]) async throws -> (status: Int32, console: String) {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-console-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: capture.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: capture) }
        let output = try FileHandle(forWritingTo: capture)
        defer { try? output.close() }
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(["NO_COLOR": "1"]) { _, new in new }
        process.standardOutput = output
        process.standardError = output
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
        return (status, try String(contentsOf: capture, encoding: .utf8))
    }

    /// Runs `binary` with `arguments`, its standard output a pipe whose reader is already gone
    /// (`gauntlet run … | head -0`), and returns its exit status.
    static func runIntoClosedPipe(_ binary: URL, arguments: [String]) async throws -> Int32 {
        let pipe = Pipe()
        try pipe.fileHandleForReading.close()
        let process = Process()
        process.executableURL = binary
        process.arguments = arguments
        process.standardOutput = pipe
        process.standardError = pipe
        return try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
            }
        }
    }

    /// Runs `binary` with `arguments` (in `folder`, if given), sends `signals` one right after
    /// another once `delay` has passed, and returns its exit status (or the signal that ended it).
    static func run(
        _ binary: URL, arguments: [String], signalsAfter delay: Duration, signals: [Int32], in folder: URL? = nil
    ) async throws -> Int32 {
        try await runSignalled(binary, arguments: arguments, signalsAfter: delay, signals: signals, in: folder).status
    }

    /// Runs `binary` with `arguments` (in `folder`, if given), sends `signals` once `delay` has
    /// passed, `gap` apart, and returns its exit status (or the signal that ended it) and what
    /// it wrote to stderr (captured in a file, so that no pipe can fill up while it runs).
    static func runSignalled(
        _ binary: URL, arguments: [String], signalsAfter delay: Duration, signals: [Int32], gap: Duration = .zero,
        in folder: URL? = nil
    ) async throws -> (status: Int32, errors: String) {
        let capture = FileManager.default.temporaryDirectory.appendingPathComponent("gauntlet-stderr-\(UUID().uuidString).txt")
        _ = FileManager.default.createFile(atPath: capture.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: capture) }
        let errors = try FileHandle(forWritingTo: capture)
        defer { try? errors.close() }
        let process = Process()
        process.executableURL = binary
        if let folder { process.currentDirectoryURL = folder }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = errors
        let status = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Int32, any Error>) in
            process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
            do { try process.run() } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            Task {
                try await Task.sleep(for: delay)
                for (index, signal) in signals.enumerated() {
                    if index > 0, gap > .zero { try await Task.sleep(for: gap) }
                    kill(process.processIdentifier, signal)
                }
            }
        }
        return (status, try String(contentsOf: capture, encoding: .utf8))
    }
}
