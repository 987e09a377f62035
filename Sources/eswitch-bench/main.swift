import ArgumentParser

struct EswitchBench: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "eswitch-bench", abstract: "eswitch micro-benchmarks.")
    func run() throws {}
}

EswitchBench.main()
