public import Foundation

/// A report written piece by piece and put in place whole: the pieces go to a temporary file
/// beside the report, renamed over it by ``commit()``, so that a reader never finds half a
/// report and a run of 100,000 testcases never holds its 100 MB report in memory as one string.
///
/// A `TextOutputStream`, so that a writer renders into it as into a `String`. A failed write
/// (a full disk) is kept and thrown by ``commit()``; the temporary file goes with the writer
/// when it is not committed.
public final class ReportFileWriter: TextOutputStream {
    /// Where the report goes.
    public let path: String
    private let temporaryPath: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private var failure: (any Error)?
    private var committed = false
    /// How many bytes are gathered before one write to the file.
    private static let bufferSize = 1 << 20

    /// Creates the report's folder and a temporary file beside the report.
    public init(path: String) throws {
        self.path = path
        let url = URL(fileURLWithPath: path)
        let folder = url.deletingLastPathComponent()
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        temporaryPath = folder.appendingPathComponent(
            ".\(url.lastPathComponent).\(ProcessInfo.processInfo.processIdentifier)-\(UInt32.random(in: .min ... .max)).tmp").path
        guard FileManager.default.createFile(atPath: temporaryPath, contents: nil) else {
            throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporaryPath])
        }
        handle = try FileHandle(forWritingTo: URL(fileURLWithPath: temporaryPath))
        buffer.reserveCapacity(Self.bufferSize)
    }

    deinit {
        try? handle.close()
        if !committed { unlink(temporaryPath) }
    }

    /// Appends `text`.
    public func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.bufferSize { flush() }
    }

    /// Writes what is gathered and puts the report in place of any earlier one.
    /// - Throws: the first error any write met, or the rename's.
    public func commit() throws {
        flush()
        if let failure { throw failure }
        try handle.close()
        guard rename(temporaryPath, path) == 0 else {
            throw CocoaError(.fileWriteUnknown, userInfo: [
                NSFilePathErrorKey: path, NSUnderlyingErrorKey: NSError(domain: NSPOSIXErrorDomain, code: Int(errno)),
            ])
        }
        committed = true
    }

    private func flush() {
        guard !buffer.isEmpty, failure == nil else { return buffer.removeAll(keepingCapacity: true) }
        do {
            try handle.write(contentsOf: buffer)
        } catch {
            failure = error
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
