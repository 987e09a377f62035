/// The lines a line-oriented sub-command works on: its arguments if any, otherwise standard input.
/// Blank lines and lines starting with `#` are skipped; each keeps its 1-based input line number.
struct InputLine {
    let number: Int
    let text: String

    static func read(arguments: [String]) -> [InputLine] {
        var lines: [String] = []
        if arguments.isEmpty {
            while let line = readLine(strippingNewline: true) { lines.append(line) }
        } else {
            lines = arguments
        }
        return lines.enumerated().compactMap { index, raw in
            let text = raw.trimmingWhitespace()
            return text.isEmpty || text.hasPrefix("#") ? nil : InputLine(number: index + 1, text: text)
        }
    }
}

extension String {
    func trimmingWhitespace() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }),
              let last = scalars.lastIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        return String(scalars[first...last])
    }
}

/// Prints a one-line error to standard error.
func printError(_ message: String) {
    var stderr = StandardError()
    print("eswitchctl: \(message)", to: &stderr)
}

struct StandardError: TextOutputStream {
    mutating func write(_ string: String) {
        var bytes = Array(string.utf8)
        _ = bytes.withUnsafeMutableBytes { Glibc.write(2, $0.baseAddress, $0.count) }
    }
}

#if canImport(Glibc)
import Glibc
#endif
