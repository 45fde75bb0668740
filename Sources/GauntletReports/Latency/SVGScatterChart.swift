import GauntletLoad

/// A scatter chart rendered as inline SVG (no scripts): x linear from 0, y on a log axis
/// (``LogAxis``), points in groups of one color and size, shaded bands with labels along x,
/// and a legend.
struct SVGScatterChart {
    /// Points drawn alike.
    struct Group {
        /// The legend's name.
        var name: String
        /// The fill (or, hollow, the stroke) color.
        var color: String
        /// The marker's radius in pixels.
        var radius: Double
        /// The points, (x, y) in axis units.
        var points: [(x: Double, y: Double)]
        /// Whether markers are rings rather than discs.
        var hollow = false
        /// The markers' opacity, 0 to 1.
        var opacity = 1.0
    }

    /// A labelled span of x, shaded in alternation with its neighbours (a load stage).
    struct Band {
        /// Where it starts, in x units.
        var from: Double
        /// Where it ends, in x units.
        var to: Double
        /// Its label, written at the top of the band when it fits.
        var label: String
    }

    /// The title, top left.
    var title: String
    /// The x axis' label.
    var xLabel: String
    /// The y axis' label.
    var yLabel: String
    /// The groups, drawn in order: later groups cover earlier ones.
    var groups: [Group]
    /// Bands along x, in order.
    var bands: [Band] = []
    /// The width in pixels.
    var width = 720.0
    /// The height in pixels.
    var height = 340.0

    private let left = 64.0, right = 16.0, top = 52.0, bottom = 44.0
    /// Room inside the plot at both ends of x, so markers at the first and last second clear the axis.
    private let inset = 8.0

    /// The chart as an `<svg>` element.
    func render() -> String {
        let f = SVGLineChart.f, e = SVGLineChart.escape
        let all = groups.flatMap(\.points)
        let xMax = max(all.map(\.x).max() ?? 1, bands.map(\.to).max() ?? 0, 1e-9)
        let axis = LogAxis(covering: all.map(\.y))
        let plotW = width - left - right, plotH = height - top - bottom
        func px(_ x: Double) -> Double { left + inset + max(0, x) / xMax * (plotW - 2 * inset) }
        func py(_ y: Double) -> Double { top + plotH - axis.fraction(y) * plotH }

        var svg = """
            <svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="\(e(title))" \
            width="\(f(width))" height="\(f(height))" viewBox="0 0 \(f(width)) \(f(height))">
            <rect x="0" y="0" width="\(f(width))" height="\(f(height))" fill="#ffffff"/>
            <text x="\(f(left))" y="20" font-size="14" font-weight="bold" fill="#222">\(e(title))</text>

            """
        // Bands, behind everything: shaded every other one, a dashed line where each starts.
        for (index, band) in bands.enumerated() {
            // The first band starts at the axis and the last ends at the plot's edge.
            let x0 = index == 0 ? left : px(band.from)
            let x1 = max(index == bands.count - 1 ? width - right : px(band.to), x0 + 1)
            if index % 2 == 1 {
                svg += "<rect x=\"\(f(x0))\" y=\"\(f(top))\" width=\"\(f(x1 - x0))\" height=\"\(f(plotH))\" fill=\"#eef2f7\"/>"
            }
            if index > 0 {
                svg += "<line x1=\"\(f(x0))\" y1=\"\(f(top))\" x2=\"\(f(x0))\" y2=\"\(f(top + plotH))\" stroke=\"#9aa5b1\" stroke-dasharray=\"3 3\"/>"
            }
            if Double(band.label.count) * 6 + 8 <= x1 - x0 {
                svg += "<text x=\"\(f(x0 + 4))\" y=\"\(f(top + 12))\" font-size=\"10\" fill=\"#556\">\(e(band.label))</text>"
            }
            svg += "\n"
        }
        // Y grid and ticks, log scale.
        for tick in axis.ticks {
            let y = py(tick.value)
            svg += "<line x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(width - right))\" y2=\"\(f(y))\" stroke=\"#e3e3e3\"/>"
            svg += "<text x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" font-size=\"11\" text-anchor=\"end\" fill=\"#555\">\(tick.label)</text>\n"
        }
        // X ticks.
        for tick in SVGLineChart.linearTicks(0, xMax) {
            let x = px(tick.value)
            svg += "<line x1=\"\(f(x))\" y1=\"\(f(top + plotH))\" x2=\"\(f(x))\" y2=\"\(f(top + plotH + 4))\" stroke=\"#555\"/>"
            svg += "<text x=\"\(f(x))\" y=\"\(f(top + plotH + 16))\" font-size=\"11\" text-anchor=\"middle\" fill=\"#555\">\(e(tick.label))</text>\n"
        }
        svg += SVGLineChart.axes(left: left, top: top, right: width - right, bottom: top + plotH, height: height, xLabel: xLabel, yLabel: yLabel)
        // Points, one <g> per group so each marker is a bare circle.
        for group in groups where !group.points.isEmpty {
            let paint = group.hollow ? "fill=\"none\" stroke=\"\(group.color)\" stroke-width=\"1.5\"" : "fill=\"\(group.color)\""
            let opacity = group.opacity < 1 ? " opacity=\"\(LoadFormat.number(group.opacity))\"" : ""
            svg += "<g \(paint)\(opacity)>"
            for point in group.points {
                svg += "<circle cx=\"\(f(px(point.x)))\" cy=\"\(f(py(point.y)))\" r=\"\(f(group.radius))\"/>"
            }
            svg += "</g>\n"
        }
        // Legend: one row under the title, a marker and the group's name each.
        var x = left
        for group in groups {
            let paint = group.hollow ? "fill=\"none\" stroke=\"\(group.color)\" stroke-width=\"1.5\"" : "fill=\"\(group.color)\""
            svg += "<circle cx=\"\(f(x + 5))\" cy=\"\(f(36))\" r=\"\(f(max(3, group.radius)))\" \(paint)/>"
            svg += "<text x=\"\(f(x + 14))\" y=\"\(f(40))\" font-size=\"11\" fill=\"#333\">\(e(group.name))</text>\n"
            x += Double(group.name.count) * 7 + 30
        }
        svg += "</svg>"
        return svg
    }
}
