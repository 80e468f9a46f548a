// swift-tools-version:6.0
// Athanor: a notebook-style REPL for language-model experiments with token logprobs.
// Targets are layers, lowest first; dependencies point one way (docs: design/architecture.md).
import PackageDescription

let package = Package(
    name: "Athanor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "athanor", targets: ["athanor"]),
        .executable(name: "athanor-sim", targets: ["athanor-sim"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The Model Context Protocol's official SDK, for `athanor mcp` only (AthanorCommands/Mcp).
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
    ],
    targets: [
        // MARK: C libraries: module maps and typed shims for variadic calls
        .systemLibrary(name: "CEditLine", pkgConfig: "libedit", providers: [.apt(["libedit-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(name: "CCurl", pkgConfig: "libcurl", providers: [.apt(["libcurl4-openssl-dev"])]),

        // MARK: The language: source text to syntax trees, no I/O
        .target(name: "AthanorLanguage"),

        // MARK: The engine: values, interpreter, planner, executor, logprob math
        .target(name: "AthanorCore", dependencies: ["AthanorLanguage"]),

        // MARK: Edges: the network, the database, the terminal
        .target(name: "OpenRouter", dependencies: ["AthanorCore", "CCurl"]),
        .target(
            name: "AthanorMigrations",
            path: "Migrations",
            resources: [
                .embedInCode("v0001_initial.sql"), .embedInCode("v0002_response_cache.sql"),
                .embedInCode("v0003_lz4_results.sql"), .embedInCode("v0004_durable_runs.sql"),
                .embedInCode("v0005_logprob_counts.sql"), .embedInCode("v0006_results_plan_order.sql"),
                .embedInCode("v0007_workers.sql"),
                .embedInCode("v0008_views.sql"),
                .embedInCode("v0009_data_files.sql"),
                .embedInCode("v0010_views_share_coordinates.sql"),
            ]
        ),
        .target(name: "PostgresStore", dependencies: ["AthanorCore", "AthanorMigrations", "CLibPQ"]),
        .target(name: "Terminal", dependencies: ["AthanorLanguage", "AthanorCore", "CEditLine"]),

        // MARK: Commands and executables
        .target(
            name: "AthanorCommands",
            dependencies: [
                "AthanorLanguage", "AthanorCore", "OpenRouter", "PostgresStore", "Terminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
        .target(name: "AthanorSimulator", dependencies: ["AthanorCore"]),
        .executableTarget(name: "athanor", dependencies: ["AthanorCommands"]),
        .executableTarget(name: "athanor-sim", dependencies: ["AthanorSimulator"]),

        // MARK: Tests
        .target(
            name: "AthanorTestSupport",
            dependencies: ["AthanorCore", "PostgresStore"]
        ),
        .testTarget(name: "AthanorLanguageTests", dependencies: ["AthanorLanguage"]),
        .testTarget(name: "AthanorCoreTests", dependencies: ["AthanorCore", "AthanorLanguage"]),
        .testTarget(name: "OpenRouterTests", dependencies: ["OpenRouter", "AthanorTestSupport"]),
        .testTarget(name: "PostgresStoreTests", dependencies: ["PostgresStore", "AthanorTestSupport"]),
        .testTarget(name: "TerminalTests", dependencies: ["Terminal", "AthanorTestSupport"]),
        .testTarget(name: "AthanorSimulatorTests", dependencies: ["AthanorSimulator", "AthanorTestSupport"]),
        .testTarget(
            name: "AthanorCommandsTests",
            dependencies: [
                "AthanorCommands", "AthanorMigrations", "AthanorTestSupport", "PostgresStore",
                .product(name: "MCP", package: "swift-sdk"),
            ]
        ),
    ]
)

// Strictness set once for every target.
for target in package.targets where target.type != .system {
    var settings = target.swiftSettings ?? []
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    target.swiftSettings = settings
}
