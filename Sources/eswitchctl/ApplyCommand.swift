import ArgumentParser
import ControlAPI
import Foundation

/// `eswitchctl apply FILE`: hand a network intent (YAML or JSON) to the daemon, which validates
/// it and reconciles the node to it.
struct ApplyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apply",
        abstract: "Load a network intent (YAML or JSON) into eswitchd.",
        discussion: "The daemon validates the whole intent first and applies nothing when it has a problem; every problem is printed with its path.")

    @ParentCommand var parent: EswitchCtl
    @OptionGroup var output: OutputOptions

    @Argument(help: "The intent file (JSON when it ends in .json or starts with '{', else YAML).")
    var file: String

    func run() throws {
        let data: Data
        do {
            data = try Data(contentsOf: URL(fileURLWithPath: file))
        } catch {
            printError("\(file): \(FileManager.default.fileExists(atPath: file) ? "cannot read the file" : "no such file")")
            throw ExitCode(1)
        }
        guard let text = String(data: data, encoding: .utf8) else {
            printError("\(file): not UTF-8 text")
            throw ExitCode(1)
        }
        let isJSON = file.lowercased().hasSuffix(".json") || text.first(where: { !$0.isWhitespace }) == "{"
        let request = ControlRequest.applyIntent(IntentDocument(format: isJSON ? .json : .yaml, text: text, source: file))
        guard case .applied(let summary) = try DaemonCall.send(request, socket: parent.socket) else {
            printError("eswitchd answered apply with an unexpected response")
            throw ExitCode(1)
        }
        if output.json {
            try DaemonCall.printJSON(summary)
        } else {
            print("applied \(file): \(summary.rulesAdded) rules added, \(summary.rulesDeleted) deleted; \(summary.rulesInHardware) in hardware, \(summary.rulesInSoftware) in software")
        }
    }
}
