import Contacts
import Foundation
import Messages
import Reports
import Tables
import Targeting
import TextoCore

/// Why a dropped file gave no SMS, in the words of someone who has never
/// heard of E.164: what is wrong, and what to do about it.
struct DropProblem: Equatable {
    var what: String
    var todo: String
    /// The file is fine but nobody can receive the message (it goes to
    /// `done/`, not `rejected/`).
    var nothingToSend = false

    /// The extensions of what Texto reads; anything else is not a spreadsheet.
    static let spreadsheets: Set<String> = ["xlsx", "xlsm", "csv", "txt", "tsv", "xls", "xlsb", "ods"]

    /// A file that is not a spreadsheet at all (a PDF, a photo, a Word
    /// document...), found before anything reads it; nil for one that may be.
    static func notASpreadsheet(_ path: String, language: Language) -> DropProblem? {
        let fr = language == .fr
        let ext = (path as NSString).pathExtension.lowercased()
        let binaryText: Bool = {
            guard ["csv", "txt", "tsv"].contains(ext), let handle = FileHandle(forReadingAtPath: path) else { return false }
            defer { try? handle.close() }
            let head = (try? handle.read(upToCount: 65_536)) ?? Data()
            // UTF-16 text has NULs too: its byte order mark says so.
            let utf16 = head.starts(with: [0xFF, 0xFE]) || head.starts(with: [0xFE, 0xFF])
            return !utf16 && head.contains(0)
        }()
        guard !spreadsheets.contains(ext) || binaryText else { return nil }
        let kind = ext.isEmpty ? (fr ? "un fichier sans extension" : "a file with no extension") : (fr ? "un fichier « .\(ext) »" : "a \".\(ext)\" file")
        return DropProblem(
            what: fr ? "ce n'est pas un tableau de contacts (c'est \(kind))" : "it is not a table of contacts (it is \(kind))",
            todo: fr ? "Déposez la liste des contacts telle qu'Excel l'enregistre (« Classeur Excel (.xlsx) ») ou un export CSV de votre logiciel de gestion."
                     : "Drop the list of contacts as Excel saves it (\"Excel Workbook (.xlsx)\") or a CSV export from your software.")
    }

    /// The problem behind an error of the pipeline's run on the file.
    static func explain(_ error: any Error, step: PipelineStep?, receipt: Receipt, language: Language) -> DropProblem {
        let fr = language == .fr
        func say(_ french: String, _ english: String) -> String { fr ? french : english }
        let support = say("Transmettez ce reçu à la personne qui s'occupe de Texto : votre fichier n'est peut-être pas en cause.",
                          "Pass this receipt on to whoever runs Texto: your file may not be the cause.")
        let resave = say("Ouvrez-le dans Excel, enregistrez-le de nouveau (Fichier > Enregistrer sous > « Classeur Excel (.xlsx) »), puis déposez-le à nouveau.",
                         "Open it in Excel, save it again (File > Save As > \"Excel Workbook (.xlsx)\"), then drop it again.")
        if let error = error as? TableError {
            switch error.code {
            case .encrypted:
                return DropProblem(what: say("le classeur est protégé par un mot de passe", "the workbook is protected by a password"),
                                   todo: say("Ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe : effacez-le), enregistrez, puis déposez-le à nouveau.",
                                             "Open it in Excel, remove the password (File > Info > Protect Workbook > Encrypt with Password: clear it), save, then drop it again."))
            case .legacyExcel:
                return DropProblem(what: say("c'est un classeur Excel 97-2003 (.xls), un format trop ancien", "it is an Excel 97-2003 workbook (.xls), too old a format"),
                                   todo: resave)
            case .unsupportedFormat:
                return DropProblem(what: say("ce format de tableur n'est pas lu (.ods, .xlsb)", "this spreadsheet format is not read (.ods, .xlsb)"), todo: resave)
            case .emptyFile:
                return DropProblem(what: say("le fichier est vide", "the file is empty"),
                                   todo: say("Vérifiez que vous avez déposé le bon fichier, et qu'il contient bien la liste des contacts.",
                                             "Check that you dropped the right file, and that it holds the list of contacts."))
            case .corruptZip, .notAWorkbook, .malformedXML:
                return DropProblem(what: say("le fichier est abîmé ou incomplet (la copie a peut-être été interrompue)",
                                             "the file is damaged or incomplete (the copy may have been cut short)"),
                                   todo: resave)
            case .zipBomb, .dtdForbidden:
                return DropProblem(what: say("le fichier contient des éléments qui ne peuvent pas être lus sans risque", "the file holds parts that cannot be read safely"),
                                   todo: say("Enregistrez de nouveau la liste dans un classeur neuf, sans modèle ni macro, puis déposez-le.",
                                             "Save the list again in a new workbook, without template or macro, then drop it."))
            case .cellTooLong, .coordinateOutOfRange, .sharedStringOutOfRange:
                return DropProblem(what: say("une cellule du fichier est hors des limites d'Excel (\(error.location))", "a cell is beyond Excel's limits (\(error.location))"),
                                   todo: resave)
            case .unterminatedQuote:
                return DropProblem(what: say("des guillemets ouverts ne sont jamais refermés (\(error.location))", "a quote is opened and never closed (\(error.location))"),
                                   todo: say("Corrigez cette ligne (ou enregistrez le fichier depuis Excel au format .xlsx), puis déposez-le à nouveau.",
                                             "Fix that row (or save the file from Excel as .xlsx), then drop it again."))
            case .sheetNotFound:
                return DropProblem(what: say("la feuille attendue n'est pas dans le classeur (\(error.detail))", "the expected sheet is not in the workbook (\(error.detail))"),
                                   todo: say("Renommez la feuille des contacts comme la campagne l'attend, ou transmettez ce reçu à la personne qui s'occupe de Texto.",
                                             "Rename the contacts sheet as the campaign expects, or pass this receipt on to whoever runs Texto."))
            case .fileNotFound, .readFailed:
                break
            }
        }
        if let error = error as? ImportError, error.code == .noPhoneColumn || error.code == .unknownPhoneColumn {
            return DropProblem(what: say("aucune colonne de numéros de téléphone n'a été trouvée", "no column of phone numbers was found"),
                               todo: say("Sur la première ligne du tableau, donnez à la colonne des numéros un titre comme « Téléphone », « Portable » ou « Mobile », puis déposez le fichier à nouveau.",
                                         "On the table's first row, give the numbers' column a title such as \"Téléphone\", \"Portable\" or \"Mobile\", then drop the file again."))
        }
        if let error = error as? ExpressionError, error.code == .unknownColumn || error.code == .missingSource {
            return missingColumn(named(error.text, error.range), fr: fr)
        }
        if let error = error as? TemplateError, error.code == .unknownField {
            return missingColumn(named(error.text, error.range).trimmingCharacters(in: CharacterSet(charactersIn: "$")), fr: fr)
        }
        if let error = error as? TargetError, error.code == .unknownConsentColumn {
            return DropProblem(what: say("la colonne qui dit qui accepte les SMS manque (\(error.detail))", "the column saying who accepts SMS is missing (\(error.detail))"),
                               todo: say("Ajoutez cette colonne (Oui / Non pour chaque contact) avec le titre attendu, puis déposez le fichier à nouveau.",
                                         "Add that column (Yes / No for each contact) with the expected title, then drop the file again."))
        }
        if let error = error as? PipelineError, error.code == .unusableData {
            if step == .import {
                let rows = receipt.rows ?? 0
                let set = receipt.rejects.filter { $0.key != "duplicate" }.values.reduce(0, +)
                return DropProblem(what: say("trop de lignes sont inutilisables (\(language.count(set)) sur \(language.count(rows)))",
                                             "too many rows cannot be used (\(language.count(set)) of \(language.count(rows)))"),
                                   todo: say("Le détail, ligne par ligne, est dans le fichier des lignes écartées : corrigez les numéros, puis déposez le fichier à nouveau. Vérifiez aussi que c'est bien la colonne des portables.",
                                             "The rows set aside are listed, with why, in the rejected rows' file: fix the numbers, then drop the file again. Check too that it is the mobiles' column."))
            }
            return DropProblem(what: say("aucun contact du fichier ne peut recevoir ce SMS", "no contact of the file can receive this SMS"),
                               todo: say("Voyez ci-dessus pourquoi les contacts ont été écartés (accord SMS, STOP, sélection) ; corrigez le fichier si besoin et déposez-le à nouveau.",
                                         "See above why the contacts were left out (SMS consent, STOP, selection); fix the file if need be and drop it again."),
                               nothingToSend: true)
        }
        let technical = (error as? any TextoError).map { "\($0)" } ?? "\(error)"
        return DropProblem(what: say("une erreur est survenue pendant le traitement (\(step.map { "étape \($0.rawValue)" } ?? "préparation")) : \(technical)",
                                     "an error occurred while processing (\(step.map { "step \($0.rawValue)" } ?? "setup")): \(technical)"),
                           todo: support)
    }

    private static func named(_ text: String, _ range: Range<Int>) -> String {
        let characters = Array(text)
        guard range.lowerBound >= 0, range.upperBound <= characters.count else { return text }
        return String(characters[range])
    }

    private static func missingColumn(_ name: String, fr: Bool) -> DropProblem {
        DropProblem(what: fr ? "la colonne « \(name) » manque dans le fichier : la campagne en a besoin" : "the column \"\(name)\" is missing from the file: the campaign needs it",
                    todo: fr ? "Ajoutez une colonne titrée « \(name) » sur la première ligne (ou reprenez le modèle de fichier habituel), puis déposez le fichier à nouveau."
                             : "Add a column titled \"\(name)\" on the first row (or start again from the usual file), then drop the file again.")
    }
}
