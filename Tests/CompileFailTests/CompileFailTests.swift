import Foundation
import Testing

/// The compile-fail suite: each claim of the Rust texts that a bug "would not
/// compile" is a pair of snippets in `Tests/CompileFail/Snippets`. The
/// `.fail.swift` one must be rejected with the diagnostic its
/// `// expect-error:` line names, about the line it marks `// <- bug` (the
/// error or one of its notes points there); its `.pass.swift` twin (the fixed version)
/// must compile, so a harness that rejected everything could not pass. Both
/// run hosted and with Embedded Swift (riscv64), against a Ferrite module
/// built for each.
@Suite(.serialized) struct CompileFailTests {
    @Test(arguments: Snippet.all, CompileMode.allCases)
    func rejectedWithTheExpectedDiagnostic(_ snippet: Snippet, _ mode: CompileMode) throws {
        let expected = try #require(snippet.expectedError, "\(snippet.name).fail.swift has no // expect-error: line")
        let line = try #require(snippet.bugLine, "\(snippet.name).fail.swift marks no line with // <- bug")
        let result = try Compiler.shared.compile(snippet.failing, mode: mode)
        #expect(result.status != 0, "\(snippet.name) compiled (\(mode)), but must not")
        // The expected error, pointing at the marked line itself or through
        // one of its notes ("consumed again here", "used here", ...).
        let location = "\(snippet.name).fail.swift:\(line):"
        let lines = result.output.split(separator: "\n")
        let found = lines.indices.contains { i in
            guard lines[i].contains("error: \(expected)") else { return false }
            let rest = lines[(i + 1)...].prefix { !$0.contains(": error: ") }   // its notes and source excerpts
            return lines[i].contains(location) || rest.contains { $0.contains(": note: ") && $0.contains(location) }
        }
        #expect(found, "\(snippet.name) (\(mode)): expected \"error: \(expected)\" about \(location), compiler said:\n\(result.output)")
    }

    @Test(arguments: Snippet.all, CompileMode.allCases)
    func fixedTwinCompiles(_ snippet: Snippet, _ mode: CompileMode) throws {
        let result = try Compiler.shared.compile(snippet.passing, mode: mode)
        #expect(result.status == 0, "\(snippet.name).pass.swift (\(mode)) must compile:\n\(result.output)")
    }

    @Test func everyClaimOfTheIssueHasASnippet() {
        let names = Set(Snippet.all.map(\.name))
        for claim in ["use-after-consume", "consume-twice", "copy-noncopyable", "escape-borrow", "mutate-borrow",
                      "send-non-sendable", "span-outlives-owner", "assign-let-twice", "lazy-captures-non-sendable"] {
            #expect(names.contains(claim), "no snippet pair for \(claim)")
        }
    }
}

enum CompileMode: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case hosted, embedded
    var testDescription: String { rawValue }

    var flags: [String] {
        switch self {
        case .hosted: []
        case .embedded: ["-target", "riscv64-none-none-eabi", "-enable-experimental-feature", "Embedded", "-wmo"]
        }
    }
}

struct Snippet: CustomTestStringConvertible, Sendable {
    var name: String
    var failing: URL { Compiler.snippets.appendingPathComponent("\(name).fail.swift") }
    var passing: URL { Compiler.snippets.appendingPathComponent("\(name).pass.swift") }
    var testDescription: String { name }

    /// The diagnostic the failing snippet must produce.
    var expectedError: String? {
        guard let text = try? String(contentsOf: failing, encoding: .utf8) else { return nil }
        let marker = "// expect-error: "
        return text.split(separator: "\n").first { $0.hasPrefix(marker) }.map { String($0.dropFirst(marker.count)) }
    }

    /// The 1-based number of the line marked `// <- bug`.
    var bugLine: Int? {
        guard let text = try? String(contentsOf: failing, encoding: .utf8) else { return nil }
        return text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("// <- bug") }.map { $0 + 1 }
    }

    static var all: [Snippet] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: Compiler.snippets.path)) ?? []
        return files.filter { $0.hasSuffix(".fail.swift") }.sorted()
            .map { Snippet(name: String($0.dropLast(".fail.swift".count))) }
    }
}

/// Runs `swiftc` (from PATH) on snippets, against a Ferrite module it builds
/// once per mode from `Sources/Ferrite` into a temporary folder.
final class Compiler: @unchecked Sendable {
    static let shared = Compiler()
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let snippets = root.appendingPathComponent("Tests/CompileFail/Snippets")

    private let lock = NSLock()
    private var modules: [CompileMode: URL] = [:]

    func compile(_ file: URL, mode: CompileMode) throws -> (status: Int32, output: String) {
        let modules = try module(for: mode)
        return try Self.swiftc(["-emit-sil", "-o", "/dev/null", "-parse-as-library", "-swift-version", "6",
                                "-diagnostic-style=llvm",
                                "-I", modules.path] + mode.flags + [file.path])
    }

    /// The folder holding `Ferrite.swiftmodule` for `mode`, built on first use.
    private func module(for mode: CompileMode) throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let built = modules[mode] { return built }
        let folder = FileManager.default.temporaryDirectory
            .appendingPathComponent("ferrite-compile-fail-\(getpid())-\(mode.rawValue)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let sources = FileManager.default.enumerator(atPath: Self.root.appendingPathComponent("Sources/Ferrite").path)?
            .compactMap { $0 as? String }.filter { $0.hasSuffix(".swift") }.sorted()
            .map { Self.root.appendingPathComponent("Sources/Ferrite/\($0)").path } ?? []
        let result = try Self.swiftc(["-emit-module", "-module-name", "Ferrite", "-parse-as-library", "-swift-version", "6",
                                      "-emit-module-path", folder.appendingPathComponent("Ferrite.swiftmodule").path]
                                     + mode.flags + sources)
        guard result.status == 0 else { throw CompilerError.moduleBuildFailed(result.output) }
        modules[mode] = folder
        return folder
    }

    static func swiftc(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["swiftc"] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}

enum CompilerError: Error { case moduleBuildFailed(String) }
