import ArgumentParser
import StageCLI
import Store

/// `texto-store forget NUMBER`: a GDPR erasure request.
struct Forget: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Erase one person's messages, delivery reports and replies (GDPR erasure request).",
        discussion: """
            Deletes everything the store holds about NUMBER: its messages in the ledger with \
            their delivery reports and outcomes, its replies, its suppression. If the number \
            had opted out (STOP, NPAI, MANUAL), the opt-out is kept as a keyed hash \
            (HMAC-SHA256 under the key in <store>.key, created on first need, mode 0600), so \
            the person is still never messaged but the number cannot be read back from the \
            store. Back the key file up apart from the store. Files outside the store (batch \
            files, reports, contact exports) are not touched.

            Example:
              texto-store forget "06 30 05 06 60"
            """)

    @OptionGroup var options: StoreOptions
    @OptionGroup var country: CountryOption

    @Argument(help: ArgumentHelp("The person's phone number.", valueName: "number"))
    var number: String

    func validate() throws {
        _ = try country.parser()
    }

    func run() throws {
        try reporting {
            let number = try NumberInput.parse([number], parser: try country.parser())[0]
            let store = try options.open(create: false)
            let erasure = try store.forget(number)
            var line = "forgot \(number.masked): \(count(erasure.messages, "message")), \(count(erasure.events, "delivery report")), "
                + "\(count(erasure.outcomes, "outcome")), \(count(erasure.replies, "reply", plural: "replies")) erased"
            if let optOut = erasure.keptOptOut {
                line += "; its \(optOut.rawValue) opt-out is kept as a keyed hash (key: \(store.keyPath))"
            } else {
                line += "; it had no opt-out, nothing of it is left"
            }
            say(line)
        }
    }
}
