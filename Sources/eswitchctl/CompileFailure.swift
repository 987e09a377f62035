/// Why `eswitchctl compile` cannot go on: one or more lines for standard error, then exit code 2.
struct CompileFailure: Error {
    /// Each line is printed on its own (every problem of an intent, with its path).
    let lines: [String]

    init(_ line: String) { lines = [line] }
    init(lines: [String]) { self.lines = lines }
}

extension CompileFailure: CustomStringConvertible {
    var description: String { lines.joined(separator: "\n") }
}
