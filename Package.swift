// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "Texto",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "texto-import", targets: ["texto-import"]),
        .executable(name: "texto-store", targets: ["texto-store"]),
        .executable(name: "texto-target", targets: ["texto-target"]),
        .executable(name: "texto-render", targets: ["texto-render"]),
        .executable(name: "texto-emit", targets: ["texto-emit"]),
        .executable(name: "texto-simulate", targets: ["texto-simulate"]),
        .executable(name: "texto-ingest", targets: ["texto-ingest"]),
        .executable(name: "texto-report", targets: ["texto-report"]),
        .executable(name: "texto-run", targets: ["texto-run"]),
        .executable(name: "texto-watch", targets: ["texto-watch"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The store (DESIGN.md §4): SQLite with migrations, WAL and typed rows.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // HMAC-SHA256 for the erased opt-outs' keyed hashes (Foundation has none on Linux).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        // The report pages' templates (issue 11): Mustache, logic-less, every value escaped.
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        // Pipeline files (issue 12): YAML with the line and column of every node, for errors that say where.
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
    ],
    targets: [
        // System libraries. The shims keep ICU out (see DESIGN.md §3) and wrap
        // zlib's macros; only `Tables` imports them.
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"]), .brew(["libxml2"])]
        ),
        .systemLibrary(
            name: "CZlib",
            pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"]), .brew(["zlib"])]
        ),
        // PostgreSQL's client library, for the store on PostgreSQL (issue 15):
        // synchronous like the stages, the COPY protocol, no event loop.
        .systemLibrary(
            name: "CLibPQ",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),

        // Libraries: no printing, no exiting, no ArgumentParser.

        // What every library needs and nothing else: column keys, civil
        // dates and Paris time, the error shape and its categories.
        .target(name: "TextoCore"),
        // Zip, XLSX and CSV reading and writing, streaming; atomic outputs.
        .target(
            name: "Tables",
            dependencies: ["TextoCore", "CLibXML2", "CZlib"],
            swiftSettings: hotPathSettings
        ),
        // One table-in, outputs-out pass: what every table stage shares.
        .target(
            name: "TableStage",
            dependencies: ["TextoCore", "Tables"]
        ),
        // Parse, normalize and classify phone numbers (the numbering plan).
        .target(
            name: "Phones",
            dependencies: ["TextoCore"],
            exclude: ["numbering-plan.py"],
            swiftSettings: hotPathSettings
        ),
        // texto-import: column mapping, phone selection, deduplication, rejects.
        .target(
            name: "Contacts",
            dependencies: ["TextoCore", "Tables", "TableStage", "Phones"],
            swiftSettings: hotPathSettings
        ),
        // texto-emit: message ids, gateway batch files, send windows, holidays,
        // and the emit itself (the ledger, the last-moment opt-out).
        .target(
            name: "Gateway",
            dependencies: [
                "TextoCore", "Tables", "TableStage", "Phones", "Messages", "Store",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // The store (DESIGN.md §4): schema, migrations, suppressions, ledger.
        .target(
            name: "Store",
            dependencies: [
                "TextoCore", "Phones", "Tables", "CLibPQ",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the ledger's bulk insert (GRDB's own copy of the headers).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        // texto-target: filter expressions, derived fields, exclusions.
        .target(
            name: "Targeting",
            dependencies: ["TextoCore", "Tables", "TableStage", "Store"],
            swiftSettings: hotPathSettings
        ),
        // texto-render: templates, GSM 03.38 / UCS-2 counting, parts, transliteration.
        .target(
            name: "Messages",
            dependencies: ["TextoCore", "Tables", "TableStage"],
            swiftSettings: hotPathSettings
        ),

        // Delivery reports and replies: the SMPP receipt, and the simulated
        // gateway (texto-simulate); the parsers and outcomes of texto-ingest next.
        .target(
            name: "Delivery",
            dependencies: [
                "TextoCore", "Tables", "TableStage", "Gateway", "Store", "Phones",
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // The statistics analysts read (issue 11), from the store.
        .target(
            name: "Reports",
            dependencies: [
                "TextoCore", "Tables", "Store", "Phones",
                .product(name: "Mustache", package: "swift-mustache"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            resources: [.copy("Templates")],
            swiftSettings: hotPathSettings
        ),

        // texto-run (issue 12): pipeline files, their runs and run folders, the run lock.
        .target(
            name: "Pipeline",
            dependencies: [
                "TextoCore", "Tables", "Store", "Contacts", "Targeting", "Messages", "Gateway", "Delivery", "Reports",
                "TableStage", .product(name: "Yams", package: "Yams"), .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // What the stage executables share: options, exit codes, summaries.
        .target(
            name: "StageCLI",
            dependencies: [
                "TextoCore", "Tables",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "texto-import",
            dependencies: [
                "Contacts", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "texto-store",
            dependencies: [
                "Store", "Phones", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "texto-target",
            dependencies: [
                "Targeting", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "texto-render",
            dependencies: [
                "Messages", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "texto-emit",
            dependencies: [
                "Gateway", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "texto-simulate",
            dependencies: [
                "Delivery", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        .executableTarget(
            name: "texto-report",
            dependencies: [
                "Reports", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "texto-watch",
            dependencies: [
                "Pipeline", "StageCLI", "TextoCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "texto-run",
            dependencies: [
                "Pipeline", "StageCLI", "TextoCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "texto-ingest",
            dependencies: [
                "Delivery", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks that need no data files (the import's are in Benchmarks/run.sh).
        .executableTarget(
            name: "phone-normalization-benchmark",
            dependencies: ["Phones"],
            path: "Benchmarks/PhoneNormalization",
            swiftSettings: hotPathSettings
        ),

        .executableTarget(
            name: "sms-count-benchmark",
            dependencies: ["Messages"],
            path: "Benchmarks/SMSCount",
            swiftSettings: hotPathSettings
        ),

        .executableTarget(
            name: "table-read-benchmark",
            dependencies: ["TextoCore", "Tables"],
            path: "Benchmarks/TableRead",
            swiftSettings: hotPathSettings
        ),

        .executableTarget(
            name: "xlsx-write-benchmark",
            dependencies: ["Tables"],
            path: "Benchmarks/XLSXWrite",
            swiftSettings: hotPathSettings
        ),

        // What several test targets share: temporary folders, a seeded generator.
        .target(name: "TestSupport", path: "Tests/TestSupport"),

        .testTarget(name: "TextoCoreTests", dependencies: ["TextoCore"]),
        .testTarget(name: "TablesTests", dependencies: ["TextoCore", "Tables", "TestSupport"]),
        .testTarget(name: "TableStageTests", dependencies: ["TextoCore", "Tables", "TableStage"]),
        // Golden/ holds the generator and the table it writes (read from the source tree).
        .testTarget(name: "PhonesTests", dependencies: ["TextoCore", "Phones", "TestSupport"], exclude: ["Golden"]),
        .testTarget(name: "ContactsTests", dependencies: ["TextoCore", "Contacts", "Tables"]),
        .testTarget(name: "TargetingTests", dependencies: ["TextoCore", "Targeting", "Tables"]),
        // Holidays/ holds the oracle script and the table it writes, Golden/ the
        // writers' expected files (both read from the source tree).
        .testTarget(
            name: "GatewayTests",
            dependencies: [
                "TextoCore", "Gateway", "Tables", "Store", "Phones", "TestSupport",
                .product(name: "Crypto", package: "swift-crypto"), .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Holidays", "Golden"]
        ),
        .testTarget(name: "StoreTests", dependencies: ["TextoCore", "Store", "Phones", "TestSupport"]),
        .testTarget(name: "PipelineTests", dependencies: ["TextoCore", "Pipeline", "Tables", "Reports", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]),
        .testTarget(name: "ReportsTests", dependencies: ["TextoCore", "Reports", "Store", "TestSupport"]),
        // Oracle/ holds the generator and the table it writes (read from the source tree).
        .testTarget(name: "MessagesTests", dependencies: ["TextoCore", "Messages", "Tables"], exclude: ["Oracle"]),
        .testTarget(name: "StageCLITests", dependencies: ["TextoCore", "StageCLI"]),
        .testTarget(
            name: "DeliveryTests",
            dependencies: ["TextoCore", "Delivery", "Gateway", "Phones", "Store", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        // Runs the built executables; reads Cases/ and Fixtures/ from the
        // source tree (not as resources: the golden files are re-recordable).
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "texto-import", "texto-store", "texto-target", "texto-render", "texto-emit", "texto-simulate", "texto-ingest", "texto-report", "texto-run", "texto-watch", "Store", "Gateway",
                "TestSupport", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "Crypto", package: "swift-crypto"),
            ],
            exclude: ["Cases"]
        ),

        // Issue 14: the parsers as fuzz targets; the tests replay every input a fuzzer found.
        .target(name: "FuzzTargets", dependencies: ["TextoCore", "Tables", "Phones", "Messages", "Targeting", "Delivery", "Pipeline"]),
        .testTarget(name: "FuzzTargetsTests", dependencies: ["FuzzTargets"], exclude: ["Regressions"]),
    ]
)

// `texto-fuzz`, libFuzzer's driver of the targets, exists only in the fuzzing
// build (`Fuzz/run.sh` sets TEXTO_FUZZ_BUILD=1 and --sanitize=fuzzer): built
// as a library (-parse-as-library), its entry points are libFuzzer's.
if Context.environment["TEXTO_FUZZ_BUILD"] != nil {
    package.products.append(.executable(name: "texto-fuzz", targets: ["texto-fuzz"]))
    package.targets.append(.executableTarget(name: "texto-fuzz", dependencies: ["FuzzTargets"], path: "Fuzz/texto-fuzz",
                                             swiftSettings: [.unsafeFlags(["-parse-as-library"])]))
}

/// The readers run a few instructions per byte of input; exclusivity checks on
/// their per-cell state cost more than the work itself in release builds.
var hotPathSettings: [SwiftSetting] {
    [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
}
