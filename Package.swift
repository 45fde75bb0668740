// swift-tools-version:6.2
import PackageDescription

/// One set of settings for every target, as Hummingbird does: explicit existentials, imports
/// that are visible only where they are written, and internal imports unless marked `public`.
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "gauntlet",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "gauntlet", targets: ["gauntlet"]),
        .executable(name: "events-api", targets: ["events-api"]),
        .library(name: "GauntletAPI", targets: ["GauntletAPI"]),
        .library(name: "GauntletHTTP", targets: ["GauntletHTTP"]),
        .library(name: "GauntletCLI", targets: ["GauntletCLI"]),
    ],
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.0"),
        .package(url: "https://github.com/jpsim/Yams.git", from: "6.2.0"),
        .package(url: "https://github.com/HdrHistogram/hdrhistogram-swift.git", from: "0.2.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
        // Without its default ExternalLoading trait: we read one document, and it builds faster.
        .package(url: "https://github.com/mattpolzin/OpenAPIKit.git", from: "6.4.0", traits: []),
    ],
    targets: [
        // MARK: - libcurl and the HTTP engine

        .systemLibrary(
            name: "CCurl",
            pkgConfig: "libcurl",
            providers: [.apt(["libcurl4-openssl-dev"])]
        ),
        .target(
            name: "GauntletHTTP",
            dependencies: ["CCurl"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Shared value formats

        .target(
            name: "GauntletUnits",
            swiftSettings: swiftSettings
        ),

        // MARK: - JSON values, queries and schemas

        .target(
            name: "GauntletJSON",
            swiftSettings: swiftSettings
        ),

        // MARK: - Scenarios, load, reports

        .target(
            name: "GauntletScenario",
            dependencies: [
                "GauntletHTTP",
                "GauntletJSON",
                "GauntletUnits",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GauntletLoad",
            dependencies: [
                "GauntletUnits",
                "GauntletHTTP",
                "GauntletScenario",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GauntletFuzz",
            dependencies: [
                "GauntletHTTP",
                "GauntletJSON",
                "GauntletUnits",
                .product(name: "OpenAPIKit", package: "OpenAPIKit"),
                .product(name: "OpenAPIKit30", package: "OpenAPIKit"),
                .product(name: "OpenAPIKitCompat", package: "OpenAPIKit"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "GauntletReports",
            dependencies: [
                "GauntletUnits",
                "GauntletHTTP",
                "GauntletScenario",
                "GauntletLoad",
                "GauntletFuzz",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - The reference Event API

        .target(
            name: "GauntletAPI",
            dependencies: [
                "GauntletHTTP",
                "GauntletJSON",
                "GauntletUnits",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "NIOEmbedded", package: "swift-nio"),
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "events-api",
            dependencies: [
                "GauntletAPI",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: - Command line

        .target(
            name: "GauntletCLI",
            dependencies: [
                "GauntletUnits",
                "GauntletAPI",
                "GauntletHTTP",
                "GauntletScenario",
                "GauntletLoad",
                "GauntletFuzz",
                "GauntletReports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "gauntlet",
            dependencies: ["GauntletCLI"],
            swiftSettings: swiftSettings
        ),

        // MARK: - Tests

        // What tests of several targets share: loopback sockets for servers that misbehave on purpose.
        .target(
            name: "GauntletTestSupport",
            path: "Tests/GauntletTestSupport",
            swiftSettings: swiftSettings
        ),
        // moto's server (a local DynamoDB) for the tests of the DynamoDB store.
        .target(
            name: "DynamoDBTesting",
            dependencies: ["GauntletAPI", "GauntletHTTP", "GauntletTestSupport"],
            path: "Tests/DynamoDBTesting",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletAPITests",
            dependencies: [
                "GauntletAPI",
                "GauntletLoad",
                "GauntletHTTP",
                "DynamoDBTesting",
                "GauntletJSON",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            exclude: ["Lambda/Events"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletJSONTests",
            dependencies: ["GauntletJSON"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletHTTPTests",
            dependencies: [
                "GauntletHTTP",
                "GauntletTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletScenarioTests",
            dependencies: [
                "GauntletScenario",
                "GauntletHTTP",
                "GauntletJSON",
                "GauntletAPI",
                "DynamoDBTesting",
                "GauntletTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletReportsTests",
            dependencies: ["GauntletReports", "GauntletScenario", "GauntletLoad", "GauntletHTTP", "GauntletFuzz", "GauntletJSON"],
            resources: [.copy("Fixtures")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletFuzzTests",
            dependencies: [
                "GauntletFuzz", "GauntletAPI", "GauntletJSON", "GauntletHTTP", "GauntletCLI", "GauntletTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletLoadTests",
            dependencies: [
                "GauntletLoad",
                "GauntletScenario",
                "GauntletJSON",
                "GauntletAPI",
                "GauntletReports",
                "GauntletHTTP",
                .product(name: "Histogram", package: "hdrhistogram-swift"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletCLITests",
            dependencies: [
                "GauntletCLI",
                "GauntletAPI",
                "GauntletHTTP",
                "GauntletJSON",
                "GauntletLoad",
                "GauntletTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdTesting", package: "hummingbird"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "GauntletColdStartTests",
            dependencies: [
                "GauntletLoad",
                "GauntletAPI",
                "GauntletHTTP",
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
