// swift-tools-version: 6.0
//
// The hosted build of Ferrite: `swift build` and `swift test` on Linux, no flags,
// no dependencies. The firmware images are built by the Makefile with `swiftc`
// directly (README.md, "Why two build drivers"), from the same `Sources/Ferrite`.
import PackageDescription

let package = Package(
    name: "Ferrite",
    products: [
        .library(name: "Ferrite", targets: ["Ferrite"]),
    ],
    targets: [
        .target(name: "Ferrite", path: "Sources/Ferrite"),
        // `make bench`: the allocator benchmark (hosted, release).
        .executableTarget(name: "FerriteBench", dependencies: ["Ferrite"], path: "Sources/FerriteBench"),
        .testTarget(name: "FerriteTests", dependencies: ["Ferrite"], path: "Tests/FerriteTests"),
        // The compile-fail suite: snippets in Tests/CompileFail, compiled with
        // swiftc (hosted and Embedded) by the tests themselves.
        .testTarget(name: "CompileFailTests", path: "Tests/CompileFailTests"),
    ]
)
