import ArgumentParser

struct EswitchCtl: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eswitchctl",
        abstract: "eswitch status, explain, dump and debug tool."
    )
    func run() throws {}
}

EswitchCtl.main()
