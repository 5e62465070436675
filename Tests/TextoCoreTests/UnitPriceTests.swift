import Testing
import TextoCore

@Suite("Unit price")
struct UnitPriceTests {
    @Test("a price is read to the ten-thousandth, half up, with a point or a French comma", arguments: [
        ("0.045", 450), ("0,045", 450), (" 0.0456 ", 456), ("0.04567", 457), ("0.04565", 457), ("0", 0),
        ("1e-2", 100), ("100", 1_000_000), ("12", 120_000),
    ])
    func reads(_ text: String, _ tenThousandths: Int) {
        #expect(UnitPrice(parsing: text)?.tenThousandths == tenThousandths)
    }

    @Test("what is not a price from 0 to 100 euros is refused, never trapped on (unit price crash)", arguments: [
        "nan", "NaN", "inf", "-inf", "1e300", "-0.01", "100.01", "", " ", "0.045 €", "0.0.45", "abc",
    ])
    func refuses(_ text: String) {
        #expect(UnitPrice(parsing: text) == nil)
    }

    @Test("a cost is units times the price, exact; shown to the cent, half up")
    func cost() {
        let price: UnitPrice = 0.045
        #expect(price.cost(units: 9240) == 4_158_000)
        #expect(Money.format(tenThousandths: price.cost(units: 9240), french: true) == "415,80")
        #expect(Money.format(tenThousandths: price.tenThousandths, decimals: 4, french: false) == "0.045")
        #expect(Money.euros(tenThousandths: UnitPrice(euros: 0.04567)!.cost(units: 9240)) == 422.27)
        #expect(UnitPrice.maximum.multipliedReportingOverflow(by: 1 << 40).overflow == false,
                "a trillion units at the highest price stays exact")
    }
}
