import ArgumentParser
import Store

/// `texto-store campaigns`: the campaigns with their counts.
struct Campaigns: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the campaigns as CSV, with their delivery counts and state.",
        discussion: """
            Writes one row per campaign, oldest first, to standard output: id, name, type, \
            sender, created_at, messages (recipients in the ledger), delivered, failed \
            (explicit failure), expired, pending (no final report yet), stops (STOP replies \
            attributed to it), state, first_send_at.

            The state is where the campaign stands: prepared (targeted and rendered, not \
            emitted), awaiting_approval (texto-run ... --approve RUN_ID releases it), \
            scheduled (in the gateway's folder, its first send still ahead), sent (its \
            send time passed or a report came), cancelled, cancel_requested (withdrawn \
            here, to be cancelled at the gateway too), partly_sent.

            Example:
              texto-store campaigns --store /srv/texto/texto.sqlite
            """)

    @OptionGroup var options: StoreOptions

    func run() throws {
        try options.reportingOnExistingStore { store in
            let campaigns = try store.campaignSummaries()
            try StoreCSV.write(campaigns, to: "-")
            say(count(campaigns.count, "campaign"))
        }
    }
}
