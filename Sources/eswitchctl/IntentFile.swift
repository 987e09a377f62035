import EswitchConfig
import EswitchModel
import Foundation

/// Reads a network intent file (YAML or JSON) and validates it, collecting every problem.
enum IntentFile {
    /// The validated intent in `path`: JSON when the name ends in `.json` or the text starts with
    /// `{`, YAML otherwise.
    /// - Throws: `CompileFailure` with one line per problem, each `path: problem` after the file name.
    static func load(_ path: String) throws(CompileFailure) -> ValidatedNetworkState {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CompileFailure(FileManager.default.fileExists(atPath: path) ? "\(path): cannot read the file as UTF-8 text" : "\(path): no such file")
        }
        let isJSON = path.lowercased().hasSuffix(".json") || text.first(where: { !$0.isWhitespace }) == "{"
        do {
            let state = try isJSON ? NetworkState.fromJSON(text) : NetworkState.fromYAML(text)
            do {
                return try state.validated()
            } catch {
                throw CompileFailure(lines: error.problems.map { "\(path): \($0)" })
            }
        } catch let error as NetworkStateDecodingError {
            throw CompileFailure(lines: error.problems.map { "\(path): \($0)" })
        } catch let error as CompileFailure {
            throw error
        } catch {
            throw CompileFailure("\(path): \(error)")
        }
    }
}
