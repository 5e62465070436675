import Foundation
import GRDB
@testable import Pipeline
import Reports
import TestSupport
import Testing
import TextoCore

/// The lines a watcher logged.
final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func append(_ line: String) { lock.withLock { lines.append(line) } }
    var all: [String] { lock.withLock { lines } }
}

/// A clock the tests move by hand.
final class WatchClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Int

    init(_ now: Int) { current = now }

    var now: Int { lock.withLock { current } }
    func advance(_ seconds: Int) { lock.withLock { current += seconds } }
}

/// A flag one thread sets and another reads.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var raised = false
    func set() { lock.withLock { raised = true } }
    var value: Bool { lock.withLock { raised } }
}

@Suite("Watched folder")
struct WatchTests {
    static let fixtures = PipelineRunTests.fixtures
    static let clients = fixtures.appendingPathComponent("targeting/clients.csv").path
    /// Friday 2026-11-27 10:00 Paris: inside the marketing window.
    static let friday = 1_795_770_000

    /// A folder `depot` and the pipeline its drops run, in `folder`.
    static func setUp(_ folder: TemporaryFolder, approval: Bool = false) throws -> (depot: String, pipeline: String) {
        let pipeline = folder.file("relance.yaml")
        try """
            campaign: {id: relance, name: Relance clients, sender: KERKAFE, stop_mention: STOP au 36035}
            input: {country: FR, max_reject_rate: 0.5}
            targeting: {consent_column: AUTORISE_SMS}
            message: {template: "Bonjour $PRENOM$, à très vite à $VILLE$ !", unit_price: 0.045}
            emit: {format: csv, out: batches}
            \(approval ? "approval: required" : "")
            """.write(toFile: pipeline, atomically: true, encoding: .utf8)
        let depot = folder.file("depot")
        try FileManager.default.createDirectory(atPath: depot, withIntermediateDirectories: true)
        return (depot, pipeline)
    }

    static func watcher(_ depot: String, _ pipeline: String, clock: WatchClock, settle: Double = 2) throws -> Watcher {
        var configuration = WatchConfiguration(folders: [(depot, pipeline)])
        configuration.settle = settle
        configuration.wait = 5
        configuration.now = { clock.now }
        configuration.clock = { Double(clock.now) }
        return try Watcher(configuration)
    }

    static func drop(_ source: String, as name: String, in depot: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: (depot as NSString).appendingPathComponent(name))
    }

    /// Two passes `settle` seconds apart: what a drop needs to be taken.
    static func settle(_ watcher: Watcher, _ clock: WatchClock) throws -> WatchSummary {
        var summary = try watcher.pass()
        clock.advance(3)
        let second = try watcher.pass()
        summary.outcomes.merge(second.outcomes, uniquingKeysWith: +)
        summary.approved += second.approved
        return summary
    }

    static func messages(_ folder: TemporaryFolder) throws -> [String: Int] {
        let store = try DatabaseQueue(path: folder.file("texto.sqlite"))
        return try store.read { db in
            try Row.fetchAll(db, sql: "SELECT campaign_id, count(*) FROM messages WHERE is_test = 0 GROUP BY campaign_id")
                .reduce(into: [:]) { $0[$1[0] as String] = $1[1] as Int }
        }
    }

    @Test("a dropped client list: taken once complete, sent as a campaign of its own, moved to done/ with a French receipt that gives every figure")
    func dropped() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        try Self.drop(Self.clients, as: "clients_novembre.csv", in: depot)

        let first = try watcher.pass()
        #expect(first.processed == 0 && first.waiting == 1, "seen once: maybe still being copied")
        clock.advance(3)
        let second = try watcher.pass()
        #expect(second.outcomes == ["scheduled": 1])
        #expect(folder.listing(in: "depot") == [".texto", "done", "rejected"])
        #expect(folder.listing(in: "depot/done") == ["clients_novembre.csv", "clients_novembre.recu.html", "clients_novembre.recu.txt"])
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("depot/done/clients_novembre.csv")))
                == Data(contentsOf: URL(fileURLWithPath: Self.clients)), "the file is moved whole, never changed")

        let text = try String(contentsOfFile: folder.file("depot/done/clients_novembre.recu.txt"), encoding: .utf8)
        for line in [
            "Votre fichier a été traité : 35 SMS partiront le vendredi 27 novembre 2026 à 10 h 00.",
            "  Lignes lues : 60", "  Numéros de mobile valides : 59", "  Doublons : 1", "  Destinataires retenus : 35",
            "  Contacts écartés : 24", "      - 24 : sans accord pour recevoir des SMS", "  Messages : 35", "  Coût estimé : 1,58 €",
            "  Exemple : « Bonjour Yann, à très vite à Brest !\n    STOP au 36035 »", "Déposé le 27/11/2026 à 10 h 00",
            "Le fichier est rangé sous « done/clients_novembre.csv ».",
        ] {
            #expect(text.contains(line.replacingOccurrences(of: " : ", with: "\u{202F}: ").replacingOccurrences(of: ",58 €", with: ",58\u{202F}€")),
                    "\(line)\n\(text)")
        }
        let html = try String(contentsOfFile: folder.file("depot/done/clients_novembre.recu.html"), encoding: .utf8)
        #expect(html.contains("<html lang=\"fr\">") && html.contains("Numéros de mobile valides") && !html.contains("<script"))
        let messages = try Self.messages(folder)
        #expect(messages.count == 1 && messages.values.first == 35 && messages.keys.first?.hasPrefix("relance-") == true)
        #expect(text.contains("référence \(messages.keys.first!)"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.file("batches")).contains { $0.hasPrefix("relance-") })
    }

    @Test("rows set aside are counted by reason in words, listed in NAME.rejets.csv beside the receipt; long messages count their SMS")
    func rowsSetAside() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        try (try String(contentsOfFile: pipeline, encoding: .utf8)).replacingOccurrences(
            of: "à très vite à $VILLE$ !", with: "à très vite à $VILLE$ ! " + String(repeating: "Nos cafés vous attendent. ", count: 6))
            .write(toFile: pipeline, atomically: true, encoding: .utf8)
        let clock = WatchClock(Self.friday)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        try """
            NOM;PRENOM;TELEPHONE;AUTORISE_SMS;VILLE
            LE GALL;Yann;06 10 00 00 01;Oui;Brest
            KERBRAT;Anne;02 98 00 00 02;Oui;Quimper
            MORVAN;Erwan;06 1O 00 00 03;Oui;Rennes
            GUEGUEN;Soizic;;Oui;Lorient
            TANGUY;Loïc;06 10 00 00 05;Oui;Vannes
            LE BRIS;Maël;06 10 00 00 06;Oui;Brest
            RIOU;Nolwenn;06 10 00 00 07;Oui;Morlaix
            """.write(toFile: (depot as NSString).appendingPathComponent("liste.csv"), atomically: true, encoding: .utf8)
        #expect(try Self.settle(watcher, clock).outcomes == ["scheduled": 1])
        #expect(folder.listing(in: "depot/done") == ["liste.csv", "liste.recu.html", "liste.recu.txt", "liste.rejets.csv"])
        let text = try String(contentsOfFile: folder.file("depot/done/liste.recu.txt"), encoding: .utf8)
            .replacingOccurrences(of: "\u{202F}", with: " ")
        for line in ["  Lignes lues : 7", "  Numéros de mobile valides : 4", "  Lignes écartées : 3", "      - 1 : ligne fixe : ne reçoit pas de SMS",
                     "      - 1 : numéro contenant une lettre (faute de frappe)", "      - 1 : pas de numéro de téléphone",
                     "      - le détail, ligne par ligne, est dans « liste.rejets.csv »", "  Messages : 4", "  SMS facturés : 8",
                     "  Coût estimé : 0,36 €", "Votre fichier a été traité : 4 messages (8 SMS) partiront le vendredi"] {
            #expect(text.contains(line), "\(line)\n\(text)")
        }
        let rejects = try String(contentsOfFile: folder.file("depot/done/liste.rejets.csv"), encoding: .utf8)
        #expect(rejects.contains("02 98 00 00 02") && rejects.contains("06 1O 00 00 03") && rejects.split(separator: "\n").count == 4)
    }

    @Test("a watch file's settle and rescan are read within their bounds; a value out of them names its line (option range crashes)", arguments: [
        ("settle: 1e300", "settle takes a number from 0 to 86400"), ("rescan: 0", "rescan takes a number from 0.01 to 86400"),
        ("settle: .inf", "settle"), ("rescan: -5", "rescan"),
    ])
    func watchFileBounds(_ line: String, _ hint: String) throws {
        let folder = try TemporaryFolder()
        let path = folder.path + "/watch.yaml"
        try "folders:\n  - {folder: drops, pipeline: p.yaml}\n\(line)\n".write(toFile: path, atomically: true, encoding: .utf8)
        let error = #expect(throws: PipelineError.self) { try WatchFile.load(path) }
        #expect(error?.location.line == 3 && error?.hint.contains(hint) == true, "\(String(describing: error))")
        try "folders:\n  - {folder: drops, pipeline: p.yaml}\nsettle: 5\nrescan: 0.5\n".write(toFile: path, atomically: true, encoding: .utf8)
        let read = try WatchFile.load(path)
        #expect(read.settle == 5 && read.rescan == 0.5)
    }

    @Test("inotify says which files were renamed into a folder")
    func events() throws {
        let folder = try TemporaryFolder()
        let events = try #require(FolderEvents([folder.path]))
        #expect(events.wait(seconds: 0.05) == nil, "nothing yet")
        try Data("x".utf8).write(to: URL(fileURLWithPath: folder.file(".clients.csv.part")))
        try FileManager.default.moveItem(atPath: folder.file(".clients.csv.part"), toPath: folder.file("clients.csv"))
        #expect(events.wait(seconds: 1)?[folder.path] == ["clients.csv"])
    }

    @Test("the same content dropped again under another name is recognised: not sent twice, and the receipt says so")
    func droppedTwice() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        _ = try Self.settle(watcher, clock)
        clock.advance(86_400)
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        let again = try Self.settle(watcher, clock)
        #expect(again.outcomes == ["duplicate": 1])
        #expect(folder.listing(in: "depot/done").filter { $0.hasSuffix(".csv") } == ["clients (2).csv", "clients.csv"], "the second is kept too, renamed")
        let text = try String(contentsOfFile: folder.file("depot/done/clients (2).recu.txt"), encoding: .utf8)
        #expect(text.contains("avait déjà été déposé le 27/11/2026 à 10 h 00") && text.contains("done/clients.recu.html"), "\(text)")
        #expect(try Self.messages(folder).values.reduce(0, +) == 35, "nothing sent twice")
    }

    @Test("files that are not usable go to rejected/ with a receipt that says what to do", arguments: [
        ("notes.pdf", "%PDF-1.4\n", "ce n'est pas un tableau de contacts", "Classeur Excel"),
        ("liste.csv", "Nom;Ville\nLE GALL;Brest\n", "aucune colonne de numéros de téléphone", "« Téléphone »"),
        ("binaire.csv", "a\u{0}b\u{0}", "ce n'est pas un tableau de contacts", "export CSV"),
    ])
    func rejected(_ name: String, _ content: String, _ problem: String, _ remedy: String) throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        try content.write(toFile: (depot as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
        #expect(try Self.settle(watcher, clock).outcomes == ["rejected": 1])
        let stem = (name as NSString).deletingPathExtension
        #expect(folder.listing(in: "depot/rejected") == [name, "\(stem).recu.html", "\(stem).recu.txt"].sorted())
        let text = try String(contentsOfFile: folder.file("depot/rejected/\(stem).recu.txt"), encoding: .utf8)
        #expect(text.contains(problem) && text.contains(remedy) && text.contains("Aucun SMS n'a été envoyé"), "\(text)")
        #expect(try !FileManager.default.fileExists(atPath: folder.file("texto.sqlite")) || Self.messages(folder).isEmpty)
    }

    @Test("a password-protected workbook is rejected with how to remove the password")
    func encrypted() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        try Self.drop(Self.fixtures.appendingPathComponent("bad/encrypted.xlsx").path, as: "clients.xlsx", in: depot)
        #expect(try Self.settle(watcher, clock).outcomes == ["rejected": 1])
        let text = try String(contentsOfFile: folder.file("depot/rejected/clients.recu.txt"), encoding: .utf8)
        #expect(text.contains("protégé par un mot de passe") && text.contains("Chiffrer avec mot de passe"), "\(text)")
    }

    @Test("a file still being written is waited for; lock files, dotfiles, Office owner files, links and folders are left alone")
    func notYet() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        let ignored = [".~lock.clients.xlsx#", ".clients.csv.part", "~$clients.xlsx", "Thumbs.db", "desktop.ini"]
        for name in ignored { try Self.drop(Self.clients, as: name, in: depot) }
        try FileManager.default.createSymbolicLink(atPath: (depot as NSString).appendingPathComponent("lien.csv"), withDestinationPath: Self.clients)
        try FileManager.default.createDirectory(atPath: (depot as NSString).appendingPathComponent("archives.csv"), withIntermediateDirectories: true)
        let growing = (depot as NSString).appendingPathComponent("clients.csv")
        let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.clients))
        try bytes.prefix(500).write(to: URL(fileURLWithPath: growing))
        for end in [1_000, 2_000, bytes.count] {
            #expect(try watcher.pass().processed == 0)
            clock.advance(3)
            let handle = try #require(FileHandle(forWritingAtPath: growing))
            try handle.seekToEnd()
            try handle.write(contentsOf: bytes[(handle.offsetInFile == 0 ? 0 : Int(try handle.offset()))..<end])
            try handle.close()
        }
        #expect(try watcher.pass().processed == 0, "changed since the last scan")
        clock.advance(3)
        #expect(try watcher.pass().outcomes == ["scheduled": 1], "unchanged for the settle time: complete")
        #expect(try Data(contentsOf: URL(fileURLWithPath: folder.file("depot/done/clients.csv"))) == bytes)
        #expect(folder.listing(in: "depot").sorted() == (ignored + [".texto", "archives.csv", "done", "lien.csv", "rejected"]).sorted())
    }

    @Test("a file renamed into the folder is complete at once")
    func renamedIn() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let watcher = try Self.watcher(depot, pipeline, clock: WatchClock(Self.friday), settle: 3_600)
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        #expect(try watcher.pass(renamedIn: [depot: ["clients.csv"]]).outcomes == ["scheduled": 1])
    }

    @Test("approval from the folder: the receipt says which file to drop; that file releases the send, the receipt is rewritten")
    func approval() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder, approval: true)
        let clock = WatchClock(Self.friday)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        try Self.drop(Self.fixtures.appendingPathComponent("targeting/clients.csv").path, as: "autre.csv", in: folder.file("."))
        #expect(try Self.settle(watcher, clock).outcomes == ["awaitingApproval": 1])
        var text = try String(contentsOfFile: folder.file("depot/done/clients.recu.txt"), encoding: .utf8)
        #expect(text.contains("attendent votre accord") && text.contains("« clients.APPROUVER »"), "\(text)")
        #expect(try !FileManager.default.fileExists(atPath: folder.file("texto.sqlite")) || Self.messages(folder).isEmpty, "nothing sent")

        // A marker that names no waiting drop: a note, nothing sent.
        try Data().write(to: URL(fileURLWithPath: folder.file("depot/done/autre.APPROUVER")))
        _ = try watcher.pass()
        #expect(FileManager.default.fileExists(atPath: folder.file("depot/done/autre.APPROUVER.recu.txt")))
        #expect(!FileManager.default.fileExists(atPath: folder.file("depot/done/autre.APPROUVER")))

        clock.advance(600)
        try Data().write(to: URL(fileURLWithPath: folder.file("depot/done/clients.APPROUVER.txt")))
        #expect(try watcher.pass().approved == 1)
        #expect(try Self.messages(folder).values.reduce(0, +) == 35)
        text = try String(contentsOfFile: folder.file("depot/done/clients.recu.txt"), encoding: .utf8)
        #expect(text.contains("35 SMS partiront le vendredi 27 novembre 2026 à 10 h 10"), "\(text)")
        #expect(!FileManager.default.fileExists(atPath: folder.file("depot/done/clients.APPROUVER.txt")))
        #expect(try watcher.pass().approved == 0, "once")
    }

    @Test("a watcher stopped after each step of a drop finishes it when started again: one receipt, one campaign, the file in done/",
          arguments: [nil] + WatchStep.allCases.map(Optional.some))
    func resumed(_ step: WatchStep?) throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        let drops = DropFolder(depot)
        if let step {
            var configuration = WatchConfiguration(folders: [(depot, pipeline)])
            configuration.now = { clock.now }
            configuration.clock = { Double(clock.now) }
            configuration.stopAfter = step
            let interrupted = try Watcher(configuration)
            #expect(throws: WatchInterrupted.self) { _ = try interrupted.pass(renamedIn: [depot: ["clients.csv"]]) }
        } else {
            // Killed between the claim's rename and its record.
            try drops.prepare()
            let claim = try #require(try drops.claim("clients.csv", now: clock.now))
            try FileManager.default.removeItem(atPath: drops.claimRecord(claim.id))
        }
        clock.advance(60)
        _ = try Self.watcher(depot, pipeline, clock: clock).pass()
        let label = step?.rawValue ?? "claim folder only"
        #expect(folder.listing(in: "depot/done") == ["clients.csv", "clients.recu.html", "clients.recu.txt"], "\(label)")
        #expect(folder.listing(in: "depot/.texto/claims").isEmpty, "\(label)")
        #expect(drops.finishedClaims().count == 1, "\(label)")
        #expect(try Self.messages(folder).values.reduce(0, +) == 35, "\(label)")
        let text = try String(contentsOfFile: folder.file("depot/done/clients.recu.txt"), encoding: .utf8)
        #expect(text.contains("35 SMS partiront"), "\(label): \(text)")
    }

    @Test("a drop that cannot be finished does not hold up the others: they are processed, then the pass fails, and the drop stays for the next")
    func stuckDropDoesNotBlock() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        let drops = DropFolder(depot)
        try drops.prepare()
        // A drop whose file cannot be moved where its record says (a folder that is not there).
        try Self.drop(Self.clients, as: "bloque.csv", in: depot)
        var stuck = try #require(try drops.claim("bloque.csv", now: clock.now))
        stuck.stage = .finishing
        stuck.folder = "done"
        stuck.storedName = "absent/bloque.csv"
        try JSONFile.write(stuck, to: drops.claimRecord(stuck.id))
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        #expect(throws: PipelineError.self) { _ = try watcher.pass(renamedIn: [depot: ["clients.csv"]]) }
        #expect(folder.listing(in: "depot/done") == ["clients.csv", "clients.recu.html", "clients.recu.txt"])
        #expect(try Self.messages(folder).values.reduce(0, +) == 35)
        #expect(FileManager.default.fileExists(atPath: drops.claimedFile(stuck)), "the stuck drop is kept for the next pass")
    }

    @Test("shared folder: a claim whose lease is alive is left to its watcher; untouched for the takeover time, or its process dead here, it is taken over")
    func sharedTakeover() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        let drops = DropFolder(depot)
        try drops.prepare()
        // Another host's watcher took the file and is working on it.
        let claim = try #require(try drops.claim("clients.csv", now: clock.now))
        try "autre-serveur 4242\n".write(toFile: drops.leaseFile(claim.id), atomically: true, encoding: .utf8)
        var configuration = WatchConfiguration(folders: [(depot, pipeline)])
        configuration.shared = true
        configuration.takeover = 60
        configuration.now = { clock.now }
        configuration.clock = { Double(clock.now) }
        let watcher = try Watcher(configuration)
        let second = try Watcher(configuration)   // --shared: a second watcher of the folder is welcome
        #expect(try watcher.pass().processed == 0)
        #expect(folder.listing(in: "depot/done").isEmpty)

        // Its host went silent: the lease untouched for longer than the takeover time.
        var old = [timeval(tv_sec: Int(Date().timeIntervalSince1970) - 120, tv_usec: 0), timeval(tv_sec: Int(Date().timeIntervalSince1970) - 120, tv_usec: 0)]
        #expect(utimes(drops.leaseFile(claim.id), &old) == 0)
        #expect(try watcher.pass().processed == 1)
        #expect(folder.listing(in: "depot/done") == ["clients.csv", "clients.recu.html", "clients.recu.txt"])
        #expect(folder.listing(in: "depot/.texto/claims").isEmpty, "the claim and its lease are gone")
        #expect(try Self.messages(folder).values.reduce(0, +) == 35)

        // A lease of this host whose process ended: taken over at once.
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        try Self.drop(Self.clients, as: "autre.csv", in: depot)
        let orphan = try #require(try drops.claim("autre.csv", now: clock.now))
        let host = ClaimLease.owner.split(separator: " ")[0]
        try "\(host) \(ended.processIdentifier)\n".write(toFile: drops.leaseFile(orphan.id), atomically: true, encoding: .utf8)
        #expect(try second.pass().processed == 1)
        #expect(folder.listing(in: "depot/done").contains("autre.recu.txt"))
        #expect(folder.listing(in: "depot/.texto/claims").isEmpty)
    }

    @Test("shared folder: of two watchers that judged the same lease dead, the one that acts second finds the other's lease and leaves the claim")
    func oneTakesOver() throws {
        // Found by the shared kill test: two watchers started together both
        // judged a killed watcher's lease; the second renamed aside the lease
        // the first had just made, and both worked on the claim.
        let folder = try TemporaryFolder()
        let base = folder.file("claim.lease")
        let host = ClaimLease.owner.split(separator: " ")[0]
        let ended = Process()
        ended.executableURL = URL(fileURLWithPath: "/bin/true")
        try ended.run()
        ended.waitUntilExit()
        try "\(host) \(ended.processIdentifier)\n".write(toFile: base, atomically: true, encoding: .utf8)
        // Two watchers of this host, alive.
        let alive = try (0 ..< 2).map { _ in
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/sleep")
            process.arguments = ["120"]
            try process.run()
            return process
        }
        defer { for process in alive { process.terminate() } }
        let first = "\(host) \(alive[0].processIdentifier)", second = "\(host) \(alive[1].processIdentifier)"
        var secondLease: ClaimLease?
        let firstLease = ClaimLease.takeOver(base, claimFolder: nil, takeover: 60, as: first, afterJudging: {
            // The other watcher judges and acts while this one is between the two.
            secondLease = ClaimLease.takeOver(base, claimFolder: nil, takeover: 60, as: second)
        })
        #expect(secondLease != nil)
        #expect(firstLease == nil, "both took the claim over")
        #expect(try secondLease.map { try String(contentsOfFile: $0.path, encoding: .utf8) } == second + "\n", "the lease names the second watcher")
    }

    @Test("shared folder: an approval another watcher is applying is left to it; its lease untouched for the takeover time, it is applied here")
    func sharedApproval() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder, approval: true)
        let clock = WatchClock(Self.friday)
        var configuration = WatchConfiguration(folders: [(depot, pipeline)])
        configuration.shared = true
        configuration.takeover = 60
        configuration.settle = 2
        configuration.now = { clock.now }
        configuration.clock = { Double(clock.now) }
        let watcher = try Watcher(configuration)
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        #expect(try Self.settle(watcher, clock).outcomes == ["awaitingApproval": 1])

        // Another host's watcher is applying the approval.
        let drops = DropFolder(depot)
        let marker = folder.file("depot/done/clients.APPROUVER")
        try Data().write(to: URL(fileURLWithPath: marker))
        try "autre-serveur 4242\n".write(toFile: drops.approvalLeaseFile("clients.APPROUVER"), atomically: true, encoding: .utf8)
        #expect(try watcher.pass().approved == 0)
        #expect(FileManager.default.fileExists(atPath: marker))
        #expect(!FileManager.default.fileExists(atPath: marker + ".recu.txt"), "no note that nothing awaits")

        // Its host went silent.
        var old = [timeval(tv_sec: Int(Date().timeIntervalSince1970) - 120, tv_usec: 0), timeval(tv_sec: Int(Date().timeIntervalSince1970) - 120, tv_usec: 0)]
        #expect(utimes(drops.approvalLeaseFile("clients.APPROUVER"), &old) == 0)
        #expect(try watcher.pass().approved == 1)
        #expect(try Self.messages(folder).values.reduce(0, +) == 35)
        #expect(!FileManager.default.fileExists(atPath: marker))
        #expect(!FileManager.default.fileExists(atPath: marker + ".recu.txt"))
        #expect(folder.listing(in: "depot/.texto/claims").isEmpty, "the lease is gone with the marker")
    }

    @Test("shared folder: watchers claiming files while others look at unfinished claims never lose one, nor work on one twice")
    func claimRacesTidying() throws {
        // A claim still being made (its folder empty, or without its record)
        // looks like one left by a killed watcher. Found by the four-watcher
        // test in CI: a watcher tidied such a folder away as another's
        // rename landed in it, and the drop was lost.
        let folder = try TemporaryFolder()
        let depot = folder.file("depot")
        let drops = DropFolder(depot)
        try drops.prepare()
        let names = (0 ..< 300).map { "liste-\($0).csv" }
        for name in names { try "phone\n0612345678\n".write(toFile: drops.path(name), atomically: false, encoding: .utf8) }
        let finished = LockedFlag()
        let workedOn = LogLines()
        let group = DispatchGroup()
        for watcher in 0 ..< 2 {
            DispatchQueue.global().async(group: group) {
                // Another watcher, as its leases name it (threads of one process would all be "this watcher").
                let other = DropFolder(depot)
                let owner = "autre-serveur \(100 + watcher)"
                while !finished.value {
                    for id in other.unfinishedClaimIDs() {
                        guard let held = try? other.holdUnfinished(id, now: Self.friday, takeover: 300, as: owner) else { continue }
                        workedOn.append(held.claim.id)
                        held.release(other)
                    }
                }
            }
        }
        var claimed: [DropClaim] = []
        for name in names {
            let entry = DropFolder.Entry(name: name, size: 0, modified: 0, inode: 0)
            guard let held = try drops.holdNew(entry, now: Self.friday, takeover: 300) else { continue }
            claimed.append(held.claim)
            held.release(drops)
        }
        finished.set()
        group.wait()
        let left = names.filter { FileManager.default.fileExists(atPath: drops.path($0)) }
        let kept = claimed.filter { FileManager.default.fileExists(atPath: drops.claimedFile($0)) }
        #expect(left.count + kept.count == names.count, "\(names.count - left.count - kept.count) files lost")
        #expect(claimed.allSatisfy { JSONFile.read(DropClaim.self, from: drops.claimRecord($0.id)) != nil })
        // While this watcher held its claims, nobody else worked on them.
        #expect(workedOn.all.count == 0, "claims worked on under another watcher's lease")
    }

    @Test("odd file names are processed, and no name can forge a log line or overflow a receipt's name; a link is reported, never followed")
    func oddNames() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        let lines = LogLines()
        var configuration = WatchConfiguration(folders: [(depot, pipeline)])
        configuration.now = { clock.now }
        configuration.clock = { Double(clock.now) }
        configuration.log = { lines.append($0) }
        let watcher = try Watcher(configuration)
        let base = try String(contentsOfFile: Self.clients, encoding: .isoLatin1)
        let names = ["-rf.csv", "clients\nfaux.csv", "clients..csv", "x\u{1B}[2J.csv", String(repeating: "é", count: 124) + ".csv"]
        for (index, name) in names.enumerated() {
            let row = "M.;AJOUT;N\(index);06 20 00 00 \(String(format: "%02d", index));29200;Brest;01/01/1970;Oui;01/01/2026;31/12/2026;fr;Client\n"
            try (base + row).write(toFile: (depot as NSString).appendingPathComponent(name), atomically: true, encoding: .isoLatin1)
        }
        try FileManager.default.createSymbolicLink(atPath: (depot as NSString).appendingPathComponent("secret.csv"), withDestinationPath: "/etc/shadow")
        #expect(try Self.settle(watcher, clock).outcomes == ["scheduled": names.count])
        #expect(try watcher.pass().links == 1)
        let done = folder.listing(in: "depot/done")
        #expect(done.filter { $0.hasSuffix(".recu.txt") }.count == names.count, "\(done)")
        #expect(done.allSatisfy { $0.utf8.count <= 255 })
        #expect(done.contains("-rf.csv") && done.contains("clients\nfaux.csv"), "kept under their own names")
        #expect(lines.all.allSatisfy { !$0.contains("\n") && !$0.contains("\u{1B}") }, "\(lines.all)")
        #expect(lines.all.filter { $0.contains("secret.csv: a symbolic link, left alone") }.count == 1, "reported once: \(lines.all)")
        #expect(FileManager.default.fileExists(atPath: (depot as NSString).appendingPathComponent("secret.csv")), "never moved")

        // A name that is not UTF-8 (Latin-1 "clé.csv" from an old share): processed, shown with �.
        let latin1 = Array(depot.utf8) + Array("/cl".utf8) + [0xE9] + Array(".csv".utf8)
        let row = "M.;AJOUT;Latin;06 20 00 00 77;29200;Brest;01/01/1970;Oui;01/01/2026;31/12/2026;fr;Client\n"
        let descriptor = (latin1 + [0]).withUnsafeBufferPointer { buffer in
            buffer.withMemoryRebound(to: CChar.self) { open($0.baseAddress!, O_WRONLY | O_CREAT | O_EXCL, 0o644) }
        }
        #expect(descriptor >= 0)
        let bytes = Array((base + row).data(using: .isoLatin1)!)
        _ = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress, $0.count) }
        close(descriptor)
        #expect(try Self.settle(watcher, clock).outcomes == ["scheduled": 1])
        #expect(folder.listing(in: "depot/done").contains("cl\u{FFFD}.csv"))
    }

    @Test("a claimed file that changed after it was hashed is hashed again, and its run reads what was hashed")
    func changedAfterHash() throws {
        let folder = try TemporaryFolder()
        let (depot, pipeline) = try Self.setUp(folder)
        let clock = WatchClock(Self.friday)
        try Self.drop(Self.clients, as: "clients.csv", in: depot)
        var configuration = WatchConfiguration(folders: [(depot, pipeline)])
        configuration.now = { clock.now }
        configuration.clock = { Double(clock.now) }
        configuration.stopAfter = .hashed
        do {
            let interrupted = try Watcher(configuration)
            #expect(throws: WatchInterrupted.self) { _ = try interrupted.pass(renamedIn: [depot: ["clients.csv"]]) }
        }
        // The writer was not done: one more client lands in the claimed file.
        let claimed = try #require(try DropFolder(depot).unfinishedClaimIDs().first.flatMap { try DropFolder(depot).unfinishedClaim($0, now: clock.now) })
        let handle = try #require(FileHandle(forWritingAtPath: DropFolder(depot).claimedFile(claimed)))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data("M.;AJOUT;Jean;06 20 00 00 99;29200;Brest;01/01/1970;Oui;01/01/2026;31/12/2026;fr;Client\n".utf8))
        try handle.close()
        clock.advance(5)
        let watcher = try Self.watcher(depot, pipeline, clock: clock)
        #expect(try watcher.pass().deferred == 1)
        #expect(try watcher.pass().outcomes == ["scheduled": 1])
        #expect(try Self.messages(folder).values.reduce(0, +) == 36, "the client added after the first hash is in")
    }

    @Test("the settling of a file, scan after scan", arguments: [
        // (changes between scans, seconds between scans, passes until complete)
        (false, 3.0, 2), (false, 1.0, 3), (true, 3.0, nil),
    ] as [(Bool, Double, Int?)])
    func settling(_ changing: Bool, _ interval: Double, _ passes: Int?) {
        var settling = Settling()
        var entry = DropFolder.Entry(name: "a.csv", size: 10, modified: 1, inode: 7)
        var completeAt: Int?
        for pass in 1...5 {
            if changing { entry.size += 1 }
            if !settling.complete([entry], at: Double(pass) * interval, settle: 2).isEmpty, completeAt == nil { completeAt = pass }
        }
        #expect(completeAt == passes)
    }
}
