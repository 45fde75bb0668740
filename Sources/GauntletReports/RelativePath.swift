import Foundation

/// Relative links between report files, so that a folder of reports can be moved, zipped as a
/// CI artifact and opened anywhere with its links intact.
public enum RelativePath {
    /// The path of `target` as seen from the folder `folder`, with `/` separators: `report.html`
    /// beside it, `../Reports/report.html` elsewhere. Both are made absolute against the current
    /// directory first (`.` and `..` resolved, symbolic links not followed).
    public static func from(folder: String, to target: String) -> String {
        let from = components(of: folder)
        let to = components(of: target)
        var common = 0
        while common < from.count, common < to.count, from[common] == to[common] { common += 1 }
        let ups = Array(repeating: "..", count: from.count - common)
        let path = (ups + to[common...]).joined(separator: "/")
        return path.isEmpty ? "." : path
    }

    /// `path`'s components after making it absolute and resolving `.` and `..`.
    static func components(of path: String) -> [String] {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var out: [String] = []
        for part in absolute.split(separator: "/") {
            switch part {
            case ".": continue
            case "..": if !out.isEmpty { out.removeLast() }
            default: out.append(String(part))
            }
        }
        return out
    }

    /// A relative path made safe for an `href` (and a Markdown link): each component
    /// percent-encoded where a URL path needs it (spaces, `#`, `?`, `%`, and the parentheses
    /// that end a Markdown link), separators kept, and `./` before a first component with a
    /// `:`. A browser reads `run:2/latency.html` as a URL of the scheme `run` (RFC 3986 §4.2),
    /// a broken link, and a folder named `javascript:…` as a script to run on a click.
    public static func href(_ relativePath: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "#?%;()")
        let encoded = relativePath.addingPercentEncoding(withAllowedCharacters: allowed) ?? relativePath
        let first = encoded.prefix { $0 != "/" }
        return first.contains(":") ? "./" + encoded : encoded
    }
}
