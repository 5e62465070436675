import Testing
import TextoCore
@testable import Phones

@Suite("Reject reasons")
struct RejectReasonTests {
    @Test("not a mobile: the kind's name in the sentence, in both languages", arguments: PhoneKind.allCases)
    func notMobile(kind: PhoneKind) {
        let names: [PhoneKind: (String, String)] = [
            .fixed: ("ligne fixe", "landline"), .voip: ("numéro VoIP (box internet)", "VoIP number"),
            .tollFree: ("numéro vert", "toll-free number"), .premium: ("numéro surtaxé", "premium-rate number"),
            .sharedCost: ("numéro à coût partagé", "shared-cost number"), .personal: ("numéro personnel", "personal number"),
            .pager: ("bipeur", "pager"), .uan: ("numéro d'accès universel", "universal access number"),
            .voicemail: ("messagerie vocale", "voicemail"),
        ]
        let name = names[kind] ?? (kind.rawValue, kind.rawValue)
        let reason = RejectReason.notMobile(kind)
        #expect(reason.detail(raw: "01 42 68 53 00", language: .fr) == "\(name.0) : ne reçoit pas de SMS")
        #expect(reason.detail(raw: "01 42 68 53 00", language: .en) == "\(name.1): cannot receive SMS")
    }
}
