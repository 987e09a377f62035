/// Command-line preparation for the hook.
public enum HookArguments {
    /// The options the hook takes, each followed by a value.
    public static let valueOptions: Set = ["--config", "--socket", "--timeout", "--plug-timeout", "--log-file"]

    /// Inserts `--` before the first argument that is not one of the hook's options, so a domain
    /// named `-x` (libvirt allows it) is read as the guest name and never as an option.
    public static func positionalsProtected(_ arguments: [String]) -> [String] {
        if arguments == ["--help"] || arguments == ["-h"] { return arguments }
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" { return arguments }
            if valueOptions.contains(argument) {
                index += 2
            } else if valueOptions.contains(where: { argument.hasPrefix($0 + "=") }) {
                index += 1
            } else {
                break
            }
        }
        var protected = arguments
        protected.insert("--", at: min(index, arguments.count))
        return protected
    }
}
