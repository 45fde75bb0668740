import Foundation

/// An 8-bit RGB or RGBA, non-interlaced PNG decoded to pixels (what Chromium's `--screenshot`
/// writes), so tests can count the pixels of a color. Includes a small DEFLATE decoder after
/// zlib's `puff.c`, since Foundation on Linux has no image or zlib API.
struct PNGImage {
    /// Why a file could not be decoded.
    struct DecodingError: Error, CustomStringConvertible {
        let description: String
    }

    /// Width in pixels.
    let width: Int
    /// Height in pixels.
    let height: Int
    /// Bytes per pixel: 3 (RGB) or 4 (RGBA).
    let channels: Int
    /// Row-major pixels, `channels` bytes each.
    let pixels: [UInt8]

    /// Decodes a PNG file's bytes.
    /// - Throws: ``DecodingError`` for anything but 8-bit RGB or RGBA without interlacing, or a
    ///   damaged file.
    init(_ data: Data) throws {
        let bytes = [UInt8](data)
        guard bytes.count > 8, bytes.prefix(8) == [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] else {
            throw DecodingError(description: "not a PNG file")
        }
        func uint32(_ at: Int) -> Int { bytes[at..<at + 4].reduce(0) { $0 << 8 | Int($1) } }
        var position = 8
        var header: (width: Int, height: Int, depth: UInt8, color: UInt8, interlace: UInt8)?
        var compressed: [UInt8] = []
        while position + 8 <= bytes.count {
            let length = uint32(position)
            let type = String(decoding: bytes[position + 4..<position + 8], as: UTF8.self)
            let body = position + 8
            guard body + length <= bytes.count else { throw DecodingError(description: "truncated \(type) chunk") }
            switch type {
            case "IHDR": header = (uint32(body), uint32(body + 4), bytes[body + 8], bytes[body + 9], bytes[body + 12])
            case "IDAT": compressed += bytes[body..<body + length]
            default: break
            }
            if type == "IEND" { break }
            position = body + length + 4
        }
        guard let header else { throw DecodingError(description: "no IHDR chunk") }
        guard header.depth == 8, header.color == 2 || header.color == 6, header.interlace == 0 else {
            throw DecodingError(description: "unsupported PNG: depth \(header.depth), color type \(header.color), interlace \(header.interlace)")
        }
        guard compressed.count > 2 else { throw DecodingError(description: "no image data") }
        var inflater = Inflater(Array(compressed.dropFirst(2)))  // the zlib header
        let raw = try inflater.inflate()
        let channels = header.color == 6 ? 4 : 3
        let stride = header.width * channels
        guard raw.count >= header.height * (stride + 1) else { throw DecodingError(description: "short image data") }
        self.width = header.width
        self.height = header.height
        self.channels = channels
        self.pixels = try Self.unfilter(raw, height: header.height, stride: stride, channels: channels)
    }

    /// How many pixels are within `tolerance` of a color on each of red, green and blue.
    func count(red: UInt8, green: UInt8, blue: UInt8, tolerance: Int) -> Int {
        var count = 0
        pixels.withUnsafeBufferPointer { pixels in
            var index = 0
            while index < pixels.count {
                if abs(Int(pixels[index]) - Int(red)) <= tolerance, abs(Int(pixels[index + 1]) - Int(green)) <= tolerance,
                    abs(Int(pixels[index + 2]) - Int(blue)) <= tolerance
                {
                    count += 1
                }
                index += channels
            }
        }
        return count
    }

    /// Undoes the per-row filters (none, sub, up, average, Paeth).
    private static func unfilter(_ raw: [UInt8], height: Int, stride: Int, channels: Int) throws -> [UInt8] {
        var out = [UInt8](repeating: 0, count: height * stride)
        try raw.withUnsafeBufferPointer { raw in
            try out.withUnsafeMutableBufferPointer { out in
                for row in 0..<height {
                    let filter = raw[row * (stride + 1)]
                    let source = row * (stride + 1) + 1, target = row * stride
                    for column in 0..<stride {
                        let a = column >= channels ? Int(out[target + column - channels]) : 0
                        let b = row > 0 ? Int(out[target - stride + column]) : 0
                        let c = row > 0 && column >= channels ? Int(out[target - stride + column - channels]) : 0
                        let predictor: Int
                        switch filter {
                        case 0: predictor = 0
                        case 1: predictor = a
                        case 2: predictor = b
                        case 3: predictor = (a + b) / 2
                        case 4:
                            let p = a + b - c
                            let pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                            predictor = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                        default: throw DecodingError(description: "unknown filter \(filter) in row \(row)")
                        }
                        out[target + column] = UInt8(truncatingIfNeeded: Int(raw[source + column]) + predictor)
                    }
                }
            }
        }
        return out
    }
}

/// A DEFLATE (RFC 1951) decoder: stored, fixed and dynamic Huffman blocks, canonical codes
/// decoded bit by bit as in zlib's `puff.c`.
private struct Inflater {
    /// A canonical Huffman code: how many codes of each length, and the symbols in code order.
    struct Huffman {
        var counts = [Int](repeating: 0, count: 16)
        var symbols: [Int]

        init(lengths: [Int]) {
            symbols = []
            for length in lengths { counts[length] += 1 }
            counts[0] = 0
            for length in 1...15 {
                for (symbol, symbolLength) in lengths.enumerated() where symbolLength == length { symbols.append(symbol) }
            }
        }
    }

    static let lengthBase = [3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131, 163, 195, 227, 258]
    static let lengthExtra = [0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0]
    static let distanceBase = [
        1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537, 2049, 3073, 4097,
        6145, 8193, 12289, 16385, 24577,
    ]
    static let distanceExtra = [0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13, 13]
    static let fixedLengths = Huffman(
        lengths: [Int](repeating: 8, count: 144) + [Int](repeating: 9, count: 112) + [Int](repeating: 7, count: 24)
            + [Int](repeating: 8, count: 8))
    static let fixedDistances = Huffman(lengths: [Int](repeating: 5, count: 30))

    let input: [UInt8]
    var position = 0
    var bitBuffer = 0
    var bitCount = 0
    var output: [UInt8] = []

    init(_ input: [UInt8]) { self.input = input }

    mutating func inflate() throws -> [UInt8] {
        var last = false
        while !last {
            last = try bits(1) == 1
            switch try bits(2) {
            case 0: try stored()
            case 1: try codes(Self.fixedLengths, Self.fixedDistances)
            case 2: try dynamic()
            default: throw PNGImage.DecodingError(description: "invalid deflate block type")
            }
        }
        return output
    }

    mutating func bits(_ count: Int) throws -> Int {
        while bitCount < count {
            guard position < input.count else { throw PNGImage.DecodingError(description: "deflate data ends early") }
            bitBuffer |= Int(input[position]) << bitCount
            position += 1
            bitCount += 8
        }
        let value = bitBuffer & ((1 << count) - 1)
        bitBuffer >>= count
        bitCount -= count
        return value
    }

    mutating func stored() throws {
        bitBuffer = 0
        bitCount = 0
        guard position + 4 <= input.count else { throw PNGImage.DecodingError(description: "stored block ends early") }
        let length = Int(input[position]) | Int(input[position + 1]) << 8
        position += 4
        guard position + length <= input.count else { throw PNGImage.DecodingError(description: "stored block ends early") }
        output += input[position..<position + length]
        position += length
    }

    mutating func decode(_ code: Huffman) throws -> Int {
        var value = 0, first = 0, index = 0
        for length in 1...15 {
            value |= try bits(1)
            let count = code.counts[length]
            if value - count < first { return code.symbols[index + (value - first)] }
            index += count
            first = (first + count) << 1
            value <<= 1
        }
        throw PNGImage.DecodingError(description: "invalid Huffman code")
    }

    mutating func codes(_ lengths: Huffman, _ distances: Huffman) throws {
        while true {
            let symbol = try decode(lengths)
            if symbol < 256 {
                output.append(UInt8(symbol))
            } else if symbol == 256 {
                return
            } else {
                let lengthIndex = symbol - 257
                guard lengthIndex < Self.lengthBase.count else { throw PNGImage.DecodingError(description: "invalid length code") }
                let length = Self.lengthBase[lengthIndex] + (try bits(Self.lengthExtra[lengthIndex]))
                let distanceIndex = try decode(distances)
                guard distanceIndex < Self.distanceBase.count else { throw PNGImage.DecodingError(description: "invalid distance code") }
                let distance = Self.distanceBase[distanceIndex] + (try bits(Self.distanceExtra[distanceIndex]))
                guard distance <= output.count else { throw PNGImage.DecodingError(description: "distance too far back") }
                let start = output.count - distance
                for offset in 0..<length { output.append(output[start + offset]) }
            }
        }
    }

    mutating func dynamic() throws {
        let literalCount = try bits(5) + 257, distanceCount = try bits(5) + 1, codeLengthCount = try bits(4) + 4
        let order = [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15]
        var codeLengths = [Int](repeating: 0, count: 19)
        for index in 0..<codeLengthCount { codeLengths[order[index]] = try bits(3) }
        let codeLengthCode = Huffman(lengths: codeLengths)
        var lengths: [Int] = []
        while lengths.count < literalCount + distanceCount {
            let symbol = try decode(codeLengthCode)
            switch symbol {
            case 0...15: lengths.append(symbol)
            case 16:
                guard let previous = lengths.last else { throw PNGImage.DecodingError(description: "repeat with no length") }
                lengths += repeatElement(previous, count: 3 + (try bits(2)))
            case 17: lengths += repeatElement(0, count: 3 + (try bits(3)))
            default: lengths += repeatElement(0, count: 11 + (try bits(7)))
            }
        }
        try codes(
            Huffman(lengths: Array(lengths[..<literalCount])),
            Huffman(lengths: Array(lengths[literalCount..<literalCount + distanceCount])))
    }
}
