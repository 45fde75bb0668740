import Foundation

/// `index.html`: the one page of a pipeline's reports (inline CSS, no script, no network).
/// The overall verdict, a table of the parts (contract runs, loads, fuzz runs) with their
/// verdicts, then a section per part with its key numbers and relative links to its HTML
/// report, JUnit file, JSON, summary and findings, so the folder can be moved or unzipped
/// anywhere and the links still lead to the files.
public enum ReportIndexHTML {
    /// The page for `index`, its links relative to `folder` (where the page is written).
    public static func render(_ index: ReportIndex, from folder: String) -> String {
        let e = SVGLineChart.escape
        let overall = index.verdict
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8">
            <title>Gauntlet reports: \(overall.rawValue)</title>
            <style>
            body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#222;background:#fafafa}
            h1{font-size:22px}h2{font-size:17px;margin-top:28px}
            table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}
            .fail{color:#b00020;font-weight:bold}.pass{color:#1b7f3b}.muted{color:#666}
            section.part{background:#fff;border:1px solid #ddd;padding:4px 14px 12px;margin:12px 0}
            ul.links{margin:6px 0;padding-left:20px}
            .value,p{overflow-wrap:anywhere}
            </style></head><body>
            <h1>Gauntlet reports: <span class="\(css(overall))" id="verdict">\(overall.rawValue)</span></h1>
            <p>\(e(headline(index)))</p>

            """
        html += "<table><tr><th>Part</th><th>Folder</th><th>Verdict</th></tr>\n"
        for (number, part) in index.parts.enumerated() {
            html += "<tr><td><a href=\"#part-\(number + 1)\">\(e(part.title))</a></td><td>\(e(part.folder))</td>"
                + "<td class=\"\(css(part.verdict))\">\(part.verdict.rawValue)</td></tr>\n"
        }
        html += "</table>\n"
        for (number, part) in index.parts.enumerated() {
            html += "<section class=\"part\" id=\"part-\(number + 1)\">\n"
            html += "<h2><span class=\"\(css(part.verdict))\">\(part.verdict.rawValue)</span> \(e(part.title)) <span class=\"muted\">\(e(part.folder))</span></h2>\n"
            html += "<table>\n"
            for fact in part.facts {
                html += "<tr><th>\(e(fact.name))</th><td class=\"\(fact.failing ? "fail value" : "value")\">\(e(fact.value))</td></tr>\n"
            }
            html += "</table>\n<ul class=\"links\">\n"
            for link in part.links {
                let relative = RelativePath.from(folder: folder, to: link.path)
                html += "<li><a href=\"\(e(RelativePath.href(relative)))\">\(e(link.label))</a> <span class=\"muted\">\(e(relative))</span></li>\n"
            }
            html += "</ul>\n</section>\n"
        }
        html += "</body></html>\n"
        return html
    }

    /// `3 parts: 2 passed, 1 failed.`
    static func headline(_ index: ReportIndex) -> String {
        let counts = [ReportIndex.Verdict.passed, .failed, .interrupted, .incomplete, .partial, .unreadable].compactMap { verdict -> String? in
            let count = index.parts.filter { $0.verdict == verdict }.count
            return count == 0 ? nil : "\(count) \(verdict.rawValue.lowercased())"
        }
        return "\(index.parts.count) part\(index.parts.count == 1 ? "" : "s") under \(index.root): \(counts.joined(separator: ", "))."
    }

    static func css(_ verdict: ReportIndex.Verdict) -> String { verdict == .passed ? "pass" : "fail" }
}
