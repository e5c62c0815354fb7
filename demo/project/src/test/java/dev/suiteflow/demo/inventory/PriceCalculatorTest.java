package dev.suiteflow.demo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PriceCalculatorTest {

    private final Shop shop = Shop.withInstantPayments();

    // [REQ:PRC-1] the subtotal is the sum of unit price times quantity
    @Test
    void subtotalIsUnitPriceTimesQuantitySummed() {
        BigDecimal subtotal = shop.prices.subtotal(List.of(new OrderLine("APPLE-1", 3), new OrderLine("LAMP-3", 1)));

        assertEquals(new BigDecimal("26.40"), subtotal);
    }

    // [REQ:PRC-2] a whole-cent discount is taken off the subtotal
    @Test
    void discountIsTakenOffTheSubtotal() {
        PriceCalculator.Price price = shop.prices.price(List.of(new OrderLine("BOOK-2", 5)), 10);

        assertEquals(new BigDecimal("2.00"), price.discount());
        assertEquals(new BigDecimal("18.00"), price.total());
    }

    @Test
    void rejectsDiscountOutsideZeroToHundredPercent() {
        List<OrderLine> order = List.of(new OrderLine("BOOK-2", 1));

        assertThrows(IllegalArgumentException.class, () -> shop.prices.price(order, 101));
        assertThrows(IllegalArgumentException.class, () -> shop.prices.price(order, -5));
    }
}
