import ArgumentParser
import Foundation

/// Two reports a command would write to one path: the second would replace the first without a
/// word (`--junit x --json x` left only the JUnit XML; `--junit Reports/report.html` replaced the
/// HTML report), and a CI step reading the lost one would fail or, worse, read the other.
enum ReportPathClash {
    /// - Parameters:
    ///   - flags: The report files named by flags, as (`--junit`, its path); nil paths are unset.
    ///   - written: The files the command always writes into its report folder, by path.
    /// - Throws: `ValidationError` naming the flag and the report it would overwrite.
    static func check(flags: [(flag: String, path: String?)], written: [String]) throws {
        var taken: [(name: String, path: String)] = written.map { ((($0 as NSString).lastPathComponent), standardized($0)) }
        for case let (flag, path?) in flags {
            let target = standardized(path)
            if let clash = taken.first(where: { $0.path == target }) {
                throw ValidationError("\(flag) \(path): \(clash.name) is written there too, and one report would replace the other; name another file")
            }
            taken.append(("the \(flag) report", target))
        }
    }

    /// The path as an absolute, standardized one (`./a/../b` and `b` are one file).
    static func standardized(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.path
    }
}
