import ArgumentParser
import StageCLI

@main
struct TextoImport: ParsableCommand {
    func run() throws {}
}
