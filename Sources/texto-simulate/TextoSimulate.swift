import ArgumentParser
import Delivery
import StageCLI

@main
struct TextoSimulate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "texto-simulate",
        abstract: "Play the gateway: write the delivery reports and replies a real one would.",
        discussion: """
            Reads texto-emit's batch files (CSV, JSON Lines or a Gammu outbox; a folder means \
            the files its manifest.json lists) and writes into --out what a gateway leaves: \
            receipts.log (SMPP delivery receipts, in the order they arrive, with intermediate \
            ENROUTE/ACCEPTD states), submit.log (our id beside the SMSC's, which the receipts \
            carry), the replies (Gammu inbox files in inbox/, or replies.csv) and \
            expected.csv (what happened to each message, to check texto-ingest against).

            --delivered, --expired and --failed share the messages out (the rest never gets a \
            final receipt); --stop and --reply are shares of the delivered messages. \
            --noise writes some receipts twice, some ids upper-cased or without their leading \
            zeros, some lines swapped, as real gateways do. The same --seed gives the same files.

            Example:
              texto-simulate batches --out gateway --delivered 0.947 --expired 0.028 \\
                --failed 0.025 --stop 0.002 --reply 0.01 --seed 7

            \(ExitStatus.helpText)
            """)

    @Argument(help: ArgumentHelp("Batch files, or their folder.", valueName: "batch"))
    var batches: [String]

    @Option(help: ArgumentHelp("The folder for the gateway's files (created if missing).", valueName: "dir"))
    var out: String

    @Option(help: ArgumentHelp("Share of messages delivered.", valueName: "share"))
    var delivered = 0.947

    @Option(help: ArgumentHelp("Share of messages expired (EXPIRED or DELETED after 48 h).", valueName: "share"))
    var expired = 0.028

    @Option(help: ArgumentHelp("Share of messages failed (UNDELIV or REJECTD).", valueName: "share"))
    var failed = 0.025

    @Option(help: ArgumentHelp("Share of delivered messages answered with STOP (or ARRET...).", valueName: "share"))
    var stop = 0.002

    @Option(help: ArgumentHelp("Share of delivered messages answered with something else.", valueName: "share"))
    var reply = 0.01

    @Option(help: ArgumentHelp("Delivery latency: median and 90th percentile in seconds.", valueName: "median,p90"))
    var latency = "6,45"

    @Option(help: ArgumentHelp("Share of receipts written messily (repeated, ids rewritten, lines swapped).", valueName: "share"))
    var noise = 0.02

    @Option(help: ArgumentHelp("Receipts carry the SMSC's ids (smsc, with submit.log) or ours.", valueName: "smsc|ours"))
    var ids: SimulationConfiguration.ReceiptIDs = .smsc

    @Option(help: ArgumentHelp("Replies as Gammu inbox files or one CSV.", valueName: "gammu|csv"))
    var replies: SimulationConfiguration.ReplyFormat = .gammu

    @Flag(help: "Receipt dates with seconds (YYMMDDhhmmss), as some SMSCs write them.")
    var dateSeconds = false

    @Option(help: ArgumentHelp("The seed: the same seed gives the same files.", valueName: "n"))
    var seed: UInt64 = 1

    @OptionGroup var summary: SummaryOption

    func validate() throws {
        guard latencyValues != nil else {
            throw ValidationError("--latency takes the median and the 90th percentile in seconds, e.g. 6,45.")
        }
    }

    /// `6,45` as (6, 45).
    private var latencyValues: (Double, Double)? {
        let parts = latency.split(separator: ",").compactMap { Double($0.trimmingCharacters(in: .whitespaces)) }
        return parts.count == 2 ? (parts[0], parts[1]) : nil
    }

    func run() throws {
        try StageRun.main("texto-simulate", summary: summary) { _ in
            try GatewaySimulation.run(configuration)
        }
    }

    private var configuration: SimulationConfiguration {
        var configuration = SimulationConfiguration(batches: batches, out: out)
        configuration.delivered = delivered
        configuration.expired = expired
        configuration.failed = failed
        configuration.stop = stop
        configuration.reply = reply
        (configuration.latencyMedian, configuration.latencyP90) = latencyValues ?? (6, 45)
        configuration.noise = noise
        configuration.ids = ids
        configuration.replies = replies
        configuration.dateSeconds = dateSeconds
        configuration.seed = seed
        return configuration
    }
}

extension SimulationConfiguration.ReceiptIDs: ExpressibleByArgument {}
extension SimulationConfiguration.ReplyFormat: ExpressibleByArgument {}
