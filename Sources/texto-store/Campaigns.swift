import ArgumentParser
import Store

/// `texto-store campaigns`: the campaigns with their counts.
struct Campaigns: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the campaigns as CSV, with their delivery counts.",
        discussion: """
            Writes one row per campaign, oldest first, to standard output: id, name, type, \
            sender, created_at, messages (recipients in the ledger), delivered, failed \
            (explicit failure), expired, pending (no final report yet), stops (STOP replies \
            attributed to it).

            Example:
              texto-store campaigns --store /srv/texto/texto.sqlite
            """)

    @OptionGroup var options: StoreOptions

    func run() throws {
        try reporting {
            let store = try options.open(create: false)
            let campaigns = try store.campaignSummaries()
            try StoreCSV.write(campaigns, to: "-")
            say(count(campaigns.count, "campaign"))
        }
    }
}
