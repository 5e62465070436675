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
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // The store (DESIGN.md §4): SQLite with migrations, WAL and typed rows.
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        // HMAC-SHA256 for the erased opt-outs' keyed hashes (Foundation has none on Linux).
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
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

        // Libraries: no printing, no exiting, no ArgumentParser.
        .target(
            name: "Tables",
            dependencies: ["CLibXML2", "CZlib"],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "Phones",
            exclude: ["numbering-plan.py"],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "Contacts",
            dependencies: ["Tables", "Phones"],
            swiftSettings: hotPathSettings
        ),

        .target(
            name: "Targeting",
            dependencies: ["Tables"],
            swiftSettings: hotPathSettings
        ),
        // Templates, GSM 03.38 / UCS-2 counting, parts, transliteration, the render stage.
        .target(
            name: "Messages",
            dependencies: ["Tables"],
            swiftSettings: hotPathSettings
        ),
        .target(
            name: "Store",
            dependencies: [
                "Phones", "Tables",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),

        // What the stage executables share: options, exit codes, summaries.
        .target(
            name: "StageCLI",
            dependencies: [
                "Tables",
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
                "Store", "StageCLI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),

        // Benchmarks that need no data files (the import's are in Benchmarks/run.sh).
        .executableTarget(
            name: "texto-target",
            dependencies: [
                "Targeting", "Store", "StageCLI", "Tables",
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
            dependencies: ["Tables"],
            path: "Benchmarks/TableRead",
            swiftSettings: hotPathSettings
        ),

        .testTarget(name: "TablesTests", dependencies: ["Tables"]),
        .testTarget(name: "PhonesTests", dependencies: ["Phones"], exclude: ["Golden"]),
        .testTarget(name: "ContactsTests", dependencies: ["Contacts", "Tables"]),
        .testTarget(name: "TargetingTests", dependencies: ["Targeting", "Tables"]),
        // Oracle/ holds the generator and the table it writes (read from the source tree).
        .testTarget(name: "StoreTests", dependencies: ["Store", "Phones"]),
        .testTarget(name: "MessagesTests", dependencies: ["Messages", "Tables"], exclude: ["Oracle"]),
        // Runs the built executables; reads Cases/ and Fixtures/ from the
        // source tree (not as resources: the golden files are re-recordable).
        .testTarget(
            name: "EndToEndTests",
            dependencies: ["texto-import", "texto-store", "texto-target", "texto-render", "Store"],
            exclude: ["Cases"]
        ),
    ]
)

/// The readers run a few instructions per byte of input; exclusivity checks on
/// their per-cell state cost more than the work itself in release builds.
var hotPathSettings: [SwiftSetting] {
    [.unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))]
}
