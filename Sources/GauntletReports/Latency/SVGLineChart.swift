import GauntletLoad

/// A small line chart rendered as inline SVG, with axes, ticks and a legend (no scripts).
struct SVGLineChart {
    struct Series {
        var name: String
        var color: String
        var points: [(x: Double, y: Double)]
        var dashed = false
    }

    var title: String
    var xLabel: String
    var yLabel: String
    var series: [Series]
    /// Tick positions and labels on the x axis; nil for automatic linear ticks.
    var xTicks: [(value: Double, label: String)]?
    /// Whether the y axis is logarithmic (whole decades, see ``LogAxis``) rather than linear from 0.
    var logY = false
    var width = 720.0
    var height = 300.0

    private let left = 64.0, right = 16.0, bottom = 44.0

    /// Room above the plot: the title line, plus a row per legend row that does not fit beside it.
    private var top: Double { 32 + Double(legendRows - 1) * 16 }

    private static func labelWidth(_ name: String) -> Double { Double(name.count) * 7 + 24 }

    private var titleWidth: Double { Double(title.count) * 8.5 + 24 }

    /// Legend rows: 1 when every entry fits to the right of the title.
    private var legendRows: Int { legendLayout().map(\.row).max().map { $0 + 1 } ?? 1 }

    /// Where each legend entry goes (baseline y) and in which row.
    private func legendLayout() -> [(series: Series, x: Double, y: Double, row: Int)] {
        let total = series.reduce(0) { $0 + Self.labelWidth($1.name) }
        if left + titleWidth + total <= width - right {
            var x = width - right - total
            return series.map { line in
                defer { x += Self.labelWidth(line.name) }
                return (line, x, 20, 0)
            }
        }
        var result: [(series: Series, x: Double, y: Double, row: Int)] = []
        var row = 1
        var x = left
        for line in series {
            if x + Self.labelWidth(line.name) > width - right && x > left {
                row += 1
                x = left
            }
            result.append((line, x, 20 + Double(row) * 16, row))
            x += Self.labelWidth(line.name)
        }
        return result
    }

    func render() -> String {
        let all = series.flatMap(\.points)
        let xMin = xTicks?.first?.value ?? all.map(\.x).min() ?? 0
        // Every point at one x (a load shorter than a second has only second 0): a span of 1, so
        // that the axis reads 0 to 1 rather than six ticks all labelled 0.
        let dataMax = xTicks?.last?.value ?? all.map(\.x).max() ?? 1
        let xMax = dataMax > xMin ? dataMax : xMin + 1
        let yMax = Self.niceCeiling(all.map(\.y).max() ?? 1)
        let logAxis = logY ? LogAxis(covering: all.map(\.y)) : nil
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { left + (x - xMin) / (xMax - xMin) * plotW }
        func py(_ y: Double) -> Double { top + plotH - (logAxis?.fraction(y) ?? y / yMax) * plotH }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(Self.escape(title))" \
            width="\(Self.f(width))" height="\(Self.f(height))" viewBox="0 0 \(Self.f(width)) \(Self.f(height))">
            <rect x="0" y="0" width="\(Self.f(width))" height="\(Self.f(height))" fill="#ffffff"/>
            <text x="\(Self.f(left))" y="20" font-size="14" font-weight="bold" fill="#222">\(Self.escape(title))</text>

            """
        // Y grid and ticks.
        let yTicks = logAxis?.ticks ?? (0...4).map { step in
            let value = yMax * Double(step) / 4
            return (value, LoadFormat.number(value, decimals: 2))
        }
        for tick in yTicks {
            let y = py(tick.value)
            svg += "<line x1=\"\(Self.f(left))\" y1=\"\(Self.f(y))\" x2=\"\(Self.f(width - right))\" y2=\"\(Self.f(y))\" stroke=\"#e3e3e3\"/>"
            svg += "<text x=\"\(Self.f(left - 6))\" y=\"\(Self.f(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">\(tick.label)</text>\n"
        }
        // X ticks.
        let ticks = xTicks ?? Self.linearTicks(xMin, xMax)
        for tick in ticks {
            let x = px(tick.value)
            svg += "<line x1=\"\(Self.f(x))\" y1=\"\(Self.f(top + plotH))\" x2=\"\(Self.f(x))\" y2=\"\(Self.f(top + plotH + 4))\" stroke=\"#555\"/>"
            // A label that would run past the right edge ends at its tick instead.
            let anchor = x + Double(tick.label.count) * 3.5 > width - 2 ? "end" : "middle"
            svg += "<text x=\"\(Self.f(x))\" y=\"\(Self.f(top + plotH + 16))\" font-size=\"11\" text-anchor=\"\(anchor)\" fill=\"#555\">\(Self.escape(tick.label))</text>\n"
        }
        svg += Self.axes(left: left, top: top, right: width - right, bottom: top + plotH, height: height, xLabel: xLabel, yLabel: yLabel)
        // Lines.
        for line in series where !line.points.isEmpty {
            let path = line.points.map { "\(Self.f(px($0.x))),\(Self.f(py($0.y)))" }.joined(separator: " ")
            let dash = line.dashed ? " stroke-dasharray=\"6 4\"" : ""
            if line.points.count == 1 {
                svg += "<circle cx=\"\(Self.f(px(line.points[0].x)))\" cy=\"\(Self.f(py(line.points[0].y)))\" r=\"3\" fill=\"\(line.color)\"/>\n"
            } else {
                svg += "<polyline fill=\"none\" stroke=\"\(line.color)\" stroke-width=\"2\"\(dash) points=\"\(path)\"/>\n"
            }
        }
        // Legend: right-aligned beside the title when it fits there, else in rows under the
        // title (the plot moves down to make room), so entries never cover the title.
        for entry in legendLayout() {
            svg += "<rect x=\"\(Self.f(entry.x))\" y=\"\(Self.f(entry.y - 10))\" width=\"12\" height=\"12\" fill=\"\(entry.series.color)\"/>"
            svg += "<text x=\"\(Self.f(entry.x + 16))\" y=\"\(Self.f(entry.y))\" font-size=\"11\" fill=\"#333\">\(Self.escape(entry.series.name))</text>\n"
        }
        svg += "</svg>"
        return svg
    }

    static func linearTicks(_ low: Double, _ high: Double) -> [(value: Double, label: String)] {
        let span = high - low
        guard span > 0 else { return [(low, LoadFormat.number(low))] }
        let step = niceCeiling(span / 6)
        var ticks: [(Double, String)] = []
        var value = (low / step).rounded(.up) * step
        while value <= high + step * 1e-9 {
            ticks.append((value, LoadFormat.number(value)))
            value += step
        }
        return ticks
    }

    /// The smallest of 1, 2, 2.5 or 5 times a power of ten at or above `value`.
    static func niceCeiling(_ value: Double) -> Double {
        guard value > 0, value.isFinite else { return 1 }
        var power = 1.0
        while power * 10 <= value { power *= 10 }
        while power > value { power /= 10 }
        for factor in [1.0, 2, 2.5, 5, 10] where factor * power >= value { return factor * power }
        return 10 * power
    }

    static func f(_ value: Double) -> String { LoadFormat.number(value, decimals: 1) }

    /// `text` for HTML element content and quoted attribute values: `&`, `<`, `>`, `"` and `'` as
    /// character references, C0 controls (but tab and line breaks), DEL and the bidirectional
    /// formatting characters as U+FFFD.
    ///
    /// Byte by byte, not by Character: a combining mark after `<` or `"` makes one Character that
    /// compares unequal to them, which must not keep them from being escaped; and the five are
    /// ASCII, so no other byte of the UTF-8 changes. A report can hold a body of a megabyte.
    static func escape(_ text: String) -> String {
        let bytes = Array(text.utf8)
        var escaped: [UInt8] = []
        escaped.reserveCapacity(bytes.count + 64)
        var changed = false
        var index = 0
        while index < bytes.count {
            let byte = bytes[index]
            index += 1
            let replacement: String
            switch byte {
            case UInt8(ascii: "&"): replacement = "&amp;"
            case UInt8(ascii: "<"): replacement = "&lt;"
            case UInt8(ascii: ">"): replacement = "&gt;"
            case UInt8(ascii: "\""): replacement = "&quot;"
            case UInt8(ascii: "'"): replacement = "&#39;"
            // Control characters other than tab and line breaks are errors in HTML (a NUL, an ESC
            // of a body): shown as the replacement character.
            case 0x00...0x08, 0x0B, 0x0C, 0x0E...0x1F, 0x7F: replacement = "\u{FFFD}"
            // A bidirectional formatting character (U+061C, U+200E, U+200F, U+202A…U+202E,
            // U+2066…U+2069: ``BidiControls``) would show what follows it reversed (`"\u{202E}002"`
            // reads `"200"`): the replacement character too.
            case 0xD8 where index < bytes.count && bytes[index] == 0x9C:
                replacement = "\u{FFFD}"
                index += 1
            case 0xE2 where index + 1 < bytes.count && isBidiControl(bytes[index], bytes[index + 1]):
                replacement = "\u{FFFD}"
                index += 2
            default:
                escaped.append(byte)
                continue
            }
            escaped.append(contentsOf: replacement.utf8)
            changed = true
        }
        return changed ? String(decoding: escaped, as: UTF8.self) : text
    }

    /// Whether `second` and `third`, after a first byte 0xE2, end the UTF-8 of U+200E, U+200F,
    /// U+202A…U+202E or U+2066…U+2069.
    private static func isBidiControl(_ second: UInt8, _ third: UInt8) -> Bool {
        (second == 0x80 && (third == 0x8E || third == 0x8F || (0xAA...0xAE).contains(third))) || (second == 0x81 && (0xA6...0xA9).contains(third))
    }

    /// The two axis lines of a plot area and the axis titles under it and along its left side.
    static func axes(
        left: Double, top: Double, right: Double, bottom: Double, height: Double, xLabel: String, yLabel: String
    ) -> String {
        let middleY = f((top + bottom) / 2)
        return "<line x1=\"\(f(left))\" y1=\"\(f(top))\" x2=\"\(f(left))\" y2=\"\(f(bottom))\" stroke=\"#555\"/>"
            + "<line x1=\"\(f(left))\" y1=\"\(f(bottom))\" x2=\"\(f(right))\" y2=\"\(f(bottom))\" stroke=\"#555\"/>\n"
            + "<text x=\"\(f((left + right) / 2))\" y=\"\(f(height - 6))\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\">\(escape(xLabel))</text>\n"
            + "<text x=\"14\" y=\"\(middleY)\" font-size=\"12\" text-anchor=\"middle\" fill=\"#333\" transform=\"rotate(-90 14 \(middleY))\">\(escape(yLabel))</text>\n"
    }
}
