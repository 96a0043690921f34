import Ferrite

/// A heap at one moment: its blocks in address order over `[start, end)`.
struct HeapSnapshot {
    var label: String
    var start: UInt
    var end: UInt
    var blocks: [HeapBlock]
}

/// Draws heap maps as SVG: one strip per snapshot (used blocks blue with
/// their headers dark, free blocks light, stranded blocks red, gaps grey),
/// and, when given, the fragmentation curve (largest free block / all free
/// bytes) over the trace.
enum HeapMapPicture {
    static let width = 960.0, left = 150.0, strip = 26.0, gap = 14.0

    static func svg(title: String, snapshots: [HeapSnapshot], fragmentation: [(step: Int, share: Double)]) -> String {
        let chartHeight = fragmentation.isEmpty ? 0.0 : 170.0
        let height = 50 + Double(snapshots.count) * (strip + gap) + chartHeight + 40
        var out = """
        <svg xmlns="http://www.w3.org/2000/svg" width="\(Int(left + width + 20))" height="\(Int(height))" font-family="sans-serif" font-size="12">
        <rect width="100%" height="100%" fill="white"/>
        <text x="10" y="20" font-size="15" font-weight="bold">\(escape(title))</text>
        <g font-size="11"><rect x="\(left)" y="28" width="10" height="10" fill="#3b6fc4"/><text x="\(left + 14)" y="37">used</text>
        <rect x="\(left + 60)" y="28" width="10" height="10" fill="#1b2a44"/><text x="\(left + 74)" y="37">header/trailer</text>
        <rect x="\(left + 170)" y="28" width="10" height="10" fill="#e6e9ee" stroke="#aaa"/><text x="\(left + 184)" y="37">free</text>
        <rect x="\(left + 230)" y="28" width="10" height="10" fill="#d9534f"/><text x="\(left + 244)" y="37">freed, not reusable</text>
        <rect x="\(left + 370)" y="28" width="10" height="10" fill="#999"/><text x="\(left + 384)" y="37">padding</text>
        <rect x="\(left + 440)" y="28" width="10" height="10" fill="#f0a030"/><text x="\(left + 454)" y="37">guard bytes</text></g>

        """
        var y = 50.0
        for snapshot in snapshots {
            out += strip(snapshot, y: y)
            y += strip + gap
        }
        if !fragmentation.isEmpty { out += chart(fragmentation, y: y + 10, height: chartHeight - 30) }
        return out + "</svg>\n"
    }

    static func strip(_ s: HeapSnapshot, y: Double) -> String {
        let span = Double(max(s.end - s.start, 1))
        func x(_ address: UInt) -> Double { left + Double(address - s.start) / span * width }
        var out = "<text x=\"10\" y=\"\(y + strip * 0.65)\">\(escape(s.label))</text>\n"
        out += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(width)\" height=\"\(strip)\" fill=\"#999\"/>\n"
        // Each pixel column takes the colour of the kind holding most of its
        // bytes (a bump arena has thousands of blocks per pixel); runs of one
        // colour are one rectangle, and headers are drawn on blocks wide
        // enough to show them.
        let columns = Int(width)
        var bytes = [[Int]](repeating: [0, 0, 0], count: columns)
        for block in s.blocks {
            var address = block.address
            let end = block.address + UInt(block.size)
            while address < end {
                let column = min(columns - 1, Int(Double(address - s.start) / span * width))
                let columnEnd = s.start + UInt((Double(column + 1) / width * span).rounded(.up))
                let next = min(end, max(columnEnd, address + 1))
                bytes[column][Int(block.kind.rawValue)] += Int(next - address)
                address = next
            }
        }
        let fills = ["#3b6fc4", "#e6e9ee", "#d9534f"]
        var runStart = 0, runFill: String? = nil
        for column in 0...columns {
            var fill: String? = nil
            if column < columns, let most = bytes[column].indices.max(by: { bytes[column][$0] < bytes[column][$1] }),
               bytes[column][most] > 0 { fill = fills[most] }
            if fill != runFill || column == columns {
                if let runFill {
                    out += "<rect x=\"\(f(left + Double(runStart)))\" y=\"\(y)\" width=\"\(column - runStart)\" height=\"\(strip)\" fill=\"\(runFill)\"/>\n"
                }
                runStart = column
                runFill = fill
            }
        }
        for block in s.blocks where block.overhead > 0 && Double(block.size) / span * width >= 3 {
            let header = max(Double(block.overhead) / span * width, 0.6)
            out += "<rect x=\"\(f(x(block.address)))\" y=\"\(y)\" width=\"\(f(header))\" height=\"\(strip)\" fill=\"#1b2a44\"/>\n"
            guard block.guardBytes > 0 else { continue }
            // The front guard follows the header; the rear one is drawn at the
            // block's end (the payload's exact end is not in the map).
            let guardWidth = max(Double(block.guardBytes / 2) / span * width, 0.6)
            out += "<rect x=\"\(f(x(block.address) + header))\" y=\"\(y)\" width=\"\(f(guardWidth))\" height=\"\(strip)\" fill=\"#f0a030\"/>"
            out += "<rect x=\"\(f(x(block.address + UInt(block.size)) - guardWidth))\" y=\"\(y)\" width=\"\(f(guardWidth))\" height=\"\(strip)\" fill=\"#f0a030\"/>\n"
        }
        return out
    }

    static func chart(_ points: [(step: Int, share: Double)], y: Double, height: Double) -> String {
        let lastStep = Double(max(points.last?.step ?? 1, 1))
        var out = "<text x=\"10\" y=\"\(y + 12)\">largest free block</text><text x=\"10\" y=\"\(y + 26)\">/ free bytes below</text><text x=\"10\" y=\"\(y + 40)\">the highest used block</text>\n"
        out += "<rect x=\"\(left)\" y=\"\(y)\" width=\"\(width)\" height=\"\(height)\" fill=\"none\" stroke=\"#888\"/>\n"
        for tick in [0.0, 0.5, 1.0] {
            let ty = y + height * (1 - tick)
            out += "<text x=\"\(left - 28)\" y=\"\(f(ty + 4))\">\(tick)</text>"
            out += "<line x1=\"\(left)\" y1=\"\(f(ty))\" x2=\"\(left + width)\" y2=\"\(f(ty))\" stroke=\"#ddd\"/>\n"
        }
        let path = points.map { "\(f(left + Double($0.step) / lastStep * width)),\(f(y + height * (1 - $0.share)))" }
        out += "<polyline fill=\"none\" stroke=\"#3b6fc4\" stroke-width=\"1.5\" points=\"\(path.joined(separator: " "))\"/>\n"
        out += "<text x=\"\(left)\" y=\"\(f(y + height + 16))\">operation 0</text>"
        out += "<text x=\"\(left + width - 120)\" y=\"\(f(y + height + 16))\">operation \(Int(lastStep))</text>\n"
        return out
    }

    static func f(_ value: Double) -> String {
        let scaled = (value * 100).rounded() / 100
        return scaled == scaled.rounded() ? String(Int(scaled)) : String(scaled)
    }

    static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
    }
}

extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: target, omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
