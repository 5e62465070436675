// Measures SMS counting alone: how many rendered messages per second one core
// sizes (count() runs once per recipient; the budget is a million in well
// under a second).
//
//   swift run -c release sms-count-benchmark [MILLIONS]
//
// The inputs are typical rendered French marketing messages of about 120-200
// characters: mostly GSM-7 (with é è à ù), some with € (2 septets), some with
// an emoji or a ê (UCS-2), all with the opt-out mention.
import Messages

#if canImport(Glibc)
import Glibc
#endif

let millions = CommandLine.arguments.count > 1 ? Int(CommandLine.arguments[1]) ?? 1 : 1

nonisolated(unsafe) var generator: UInt64 = 0x5EED
func next() -> Int {
    generator = generator &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
    return Int(truncatingIfNeeded: generator >> 33)
}
let names = ["Marie", "Jean-Pierre", "Zoé", "Hélène", "Loïc", "Benoît", "Ana", "François", "Léa", "Mohamed"]
let shops = ["Boulangerie du Marché", "Optique Lumière", "Garage Central", "Salon Élégance", "Pizzeria Da Mario"]
let offers = [
    "profitez de -20% sur toute la boutique ce week-end, du vendredi au dimanche inclus.",
    "votre commande est prête : retirez-la en magasin avant samedi 18h, muni de ce message.",
    "le menu du jour est à 12,50 € avec entrée, plat et dessert. Réservez au 01 23 45 67 89 !",
    "soirée spéciale jeudi dès 19h : dégustation offerte 🎉 et surprises pour nos fidèles clients.",
    "une remise de 15 € vous attend sur votre prochain achat, valable jusqu'au 30 [code: ÉTÉ24].",
    "nos nouveautés sont arrivées, venez les découvrir en boutique ou sur notre site. À très vite ! 😊",
    "rappel de votre rendez-vous demain à 10h30. En cas d'empêchement, merci de nous prévenir.",
]
let inputs: [String] = (0..<4096).map { _ in
    let name = names[next() % names.count], shop = shops[next() % shops.count], offer = offers[next() % offers.count]
    return "\(shop) : Bonjour \(name), \(offer) STOP au 36035"
}
let averageLength = inputs.reduce(0) { $0 + $1.count } / inputs.count

var checksum = 0
let total = millions * 1_000_000
var start = timespec()
clock_gettime(CLOCK_MONOTONIC, &start)
var index = 0
for _ in 0..<total {
    let count = SMS.count(inputs[index])
    checksum &+= count.length &+ count.segments
    index = (index + 1) & 4095
}
var end = timespec()
clock_gettime(CLOCK_MONOTONIC, &end)
let seconds = Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) / 1e9
let rate = Double(total) / seconds
print("sms count: \(total) messages (\(averageLength) characters on average) in \(String(format: seconds)) s = \(Int(rate / 1000) * 1000) per second on one core (\(Int(seconds / Double(total) * 1e9)) ns each; checksum \(checksum % 1000))")

extension String {
    init(format seconds: Double) { self = String(Double(Int(seconds * 1000)) / 1000) }
}
