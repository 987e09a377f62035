// swift-tools-version:6.1
// The eswitch package. Dependencies point down only (see README "Layout"):
// EswitchModel <- {Netlink, RteFlow} <- Platform <- {PlatformLinux, SimNIC} <- executables.
// Only PlatformLinux imports the C targets (and eswitch-bench glibc's malloc statistics).
import PackageDescription

let package = Package(
    name: "eswitch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "eswitchd", targets: ["eswitchd"]),
        .executable(name: "eswitchctl", targets: ["eswitchctl"]),
        .executable(name: "eswitch-hook", targets: ["eswitch-hook"]),
        .executable(name: "eswitch-hil", targets: ["eswitch-hil"]),
        .executable(name: "eswitch-bench", targets: ["eswitch-bench"]),
        // LD_PRELOAD library that connects a program's netlink sockets to `eswitch-hil sim serve`.
        .library(name: "eswitch-simnic-preload", type: .dynamic, targets: ["CSimNICPreload"]),
    ],
    traits: [
        // The DPDK (rte_flow) backend links libdpdk. On by default; a host without DPDK builds
        // everything else with `--disable-default-traits`.
        .trait(name: "DPDK", description: "Build the DPDK rte_flow backend against libdpdk"),
        .default(enabledTraits: ["DPDK"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
    ],
    targets: [
        // MARK: Pure core (no I/O, no C)
        .target(name: "EswitchModel"),
        .target(name: "Netlink", dependencies: ["EswitchModel"]),
        .target(name: "RteFlow", dependencies: ["EswitchModel"]),
        // Zero-copy frame parsing into flow keys and header writers (shared by SimNIC's data plane
        // and the software datapath).
        .target(name: "Packet", dependencies: ["EswitchModel"]),
        // Intent -> vendor-neutral rules with a hardware/software placement and a reason each.
        .target(name: "EswitchCompiler", dependencies: ["EswitchModel"]),
        // IR rules -> rte_flow rules (transfer, representor ports, meters) with a reason for each rule
        // left in software.
        .target(name: "RteFlowBackend", dependencies: ["EswitchModel", "EswitchCompiler", "RteFlow"]),
        // Text formats (YAML/JSON) of the intent and the hardware profiles -> model values. No file I/O.
        .target(name: "EswitchConfig", dependencies: ["EswitchModel", .product(name: "Yams", package: "Yams")]),
        // Compiled rules -> TC flower requests (priorities, stable handles, ownership cookies).
        .target(name: "TCBackend", dependencies: ["EswitchModel", "EswitchCompiler", "Netlink"]),
        // The software slow path: classifier, actions, ARP/ND answers, conntrack/NAT, upcalls. No I/O.
        .target(name: "Datapath", dependencies: ["EswitchModel", "EswitchCompiler", "Packet"]),

        // The daemon's local API: requests, responses and their line framing (shared by eswitchd,
        // eswitchctl and eswitch-hook). Pure values, no I/O.
        .target(name: "ControlAPI", dependencies: ["EswitchModel"]),
        // The libvirt qemu hook's logic: domain XML (guarded, no DTDs) -> port mappings, what each
        // lifecycle event does, and the daemon client with timeouts and roll-back.
        .target(name: "HookCore", dependencies: ["ControlAPI", "ControlClient", "EswitchModel", "Platform", .product(name: "Yams", package: "Yams")]),

        // Blocking client of the local API (one request line, one response line, with a deadline),
        // for eswitchctl and eswitch-hook.
        .target(name: "ControlClient", dependencies: ["ControlAPI"]),

        // The daemon's infrastructure: configuration, JSON logs, Prometheus metrics, durable state,
        // the Unix-socket API servers with peer-credential checks, sd_notify and the service group.
        // The node logic plugs in through `ControlHandler`.
        .target(
            name: "Daemon",
            dependencies: [
                "ControlAPI", "EswitchModel", "EswitchConfig",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        // The daemon's node logic wired in: the Agent behind the daemon's handler protocol, on the
        // kernel (PlatformLinux) or an emulated NIC (SimNIC).
        .target(
            name: "DaemonAgent",
            dependencies: [
                "Daemon", "Agent", "ControlAPI", "EswitchModel", "EswitchConfig", "Platform", "PlatformLinux", "SimNIC", "SimNICRemote", "Netlink",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Platform boundary
        .target(name: "Platform", dependencies: ["EswitchModel", "Netlink"]),

        // MARK: Daemon core (device set-up, port lifecycle, reconciler); sees Platform protocols only.
        .target(
            name: "Agent",
            dependencies: [
                "EswitchModel", "EswitchCompiler", "EswitchConfig", "TCBackend", "Netlink", "Platform", "ControlAPI",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),

        // MARK: Emulated NIC (in-process kernel answers driven by HardwareProfiles)
        .target(name: "SimNIC", dependencies: ["Platform", "Netlink", "EswitchModel", "Packet"]),
        // The emulator as its own process (`eswitch-hil sim serve`): the Platform implementations that
        // reach it over its socket, the emulator's side of the control and event channels, and
        // finding or starting the emulator of a state directory.
        .target(name: "SimNICRemote", dependencies: ["Platform", "Netlink", "EswitchModel", "SimNIC"]),

        // MARK: System libraries (pkg-config; apt providers in Tools/bootstrap)
        .systemLibrary(name: "CMnl", pkgConfig: "libmnl", providers: [.apt(["libmnl-dev"])]),
        .systemLibrary(name: "CPci", pkgConfig: "libpci", providers: [.apt(["libpci-dev"])]),
        .systemLibrary(name: "CIbverbs", pkgConfig: "libibverbs", providers: [.apt(["libibverbs-dev"])]),
        // libdpdk resolves through the corrected .pc files in Tools/pkgconfig (PKG_CONFIG_PATH).
        .systemLibrary(name: "CDpdk", pkgConfig: "libdpdk", providers: [.apt(["libdpdk-dev"])]),
        // glibc's <malloc.h> (allocator statistics for the benchmarks' memory figures; no library to link).
        .systemLibrary(name: "CMalloc"),
        // Macros and static inline functions of the libraries above, as prefixed functions.
        .target(
            name: "CEswitchShim",
            dependencies: ["CMnl", .target(name: "CDpdk", condition: .when(traits: ["DPDK"]))],
            cSettings: [.define("ESWITCH_WITH_DPDK", .when(traits: ["DPDK"]))]
        ),

        .target(
            name: "PlatformLinux",
            dependencies: [
                "Platform", "Netlink", "EswitchModel", "RteFlow", "CMnl", "CPci", "CIbverbs", "CEswitchShim",
                .target(name: "CDpdk", condition: .when(traits: ["DPDK"])),
            ]
        ),

        // MARK: Executables (thin: wiring and argument parsing)
        .executableTarget(
            name: "eswitchctl",
            dependencies: [
                "Netlink", "EswitchModel", "EswitchCompiler", "EswitchConfig", "Platform", "SimNIC",
                "TCBackend", "RteFlowBackend", "RteFlow", "ControlAPI", "ControlClient", "Agent",
                .product(name: "Yams", package: "Yams"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "eswitchd",
            dependencies: [
                "Daemon", "DaemonAgent", "ControlAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "eswitch-hook",
            dependencies: ["HookCore", .product(name: "ArgumentParser", package: "swift-argument-parser")]
        ),
        // The netlink transport of `eswitch-hil sim exec` (C, transport only, no netlink logic).
        .target(name: "CSimNICPreload"),
        .executableTarget(
            name: "eswitch-hil",
            dependencies: [
                "Platform", "PlatformLinux", "SimNIC", "SimNICRemote", "Netlink", "EswitchModel", "EswitchConfig",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "eswitch-bench",
            dependencies: [
                "Netlink", "EswitchModel", "SimNIC", "Packet", "EswitchConfig", "EswitchCompiler", "CMalloc", "Datapath",
                "Platform", "PlatformLinux",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // MARK: Tests
        .testTarget(name: "EswitchModelTests", dependencies: ["EswitchModel"]),
        .testTarget(name: "PacketTests", dependencies: ["Packet", "EswitchModel"]),
        .testTarget(name: "EswitchCompilerTests", dependencies: ["EswitchCompiler", "EswitchModel", "EswitchConfig",
                                                                 .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "DatapathTests", dependencies: ["Datapath", "Packet", "EswitchCompiler", "EswitchModel", "EswitchConfig",
                                                          .product(name: "PropertyBased", package: "swift-property-based")]),
        .testTarget(name: "ControlAPITests", dependencies: ["ControlAPI", "EswitchModel"]),
        .testTarget(name: "HookTests", dependencies: ["HookCore", "ControlAPI", "EswitchModel", "EswitchConfig"], exclude: ["Fixtures"]),
        .testTarget(name: "RteFlowTests", dependencies: ["RteFlow", "EswitchModel"]),
        .testTarget(name: "RteFlowBackendTests", dependencies: ["RteFlowBackend", "RteFlow", "EswitchCompiler", "EswitchModel", "EswitchConfig"]),
        .testTarget(name: "EswitchConfigTests", dependencies: ["EswitchConfig", "EswitchModel"]),
        .testTarget(name: "TCBackendTests", dependencies: ["TCBackend", "EswitchCompiler", "EswitchConfig", "EswitchModel", "Netlink"]),
        .testTarget(
            name: "NetlinkTests",
            dependencies: [
                "Netlink", "EswitchModel",
                .product(name: "PropertyBased", package: "swift-property-based"),
            ],
            exclude: ["Fixtures"]
        ),
        .testTarget(name: "PlatformLinuxTests", dependencies: ["PlatformLinux", "Platform", "Netlink", "RteFlow", "EswitchModel"]),
        .testTarget(name: "CLITests", dependencies: ["Netlink", "ControlAPI", "ControlClient", "EswitchModel"]),
        .testTarget(
            name: "DaemonTests",
            dependencies: [
                "Daemon", "DaemonAgent", "Agent", "ControlAPI", "ControlClient", "EswitchModel", "SimNICRemote", "Netlink",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
            ]
        ),
        .testTarget(
            name: "AgentTests",
            dependencies: [
                "Agent", "SimNIC", "Platform", "Netlink", "EswitchModel", "EswitchConfig", "EswitchCompiler", "TCBackend", "ControlAPI",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "SimNICRemoteTests",
            dependencies: ["SimNICRemote", "SimNIC", "Platform", "Netlink", "EswitchModel", "EswitchConfig"]
        ),
        .testTarget(
            name: "SimNICTests",
            dependencies: ["SimNIC", "Platform", "Netlink", "EswitchModel", "EswitchConfig", "PlatformLinux", "Packet"]
        ),
    ]
)
