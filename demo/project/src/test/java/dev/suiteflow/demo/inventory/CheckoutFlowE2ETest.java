package dev.suiteflow.demo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** A whole checkout, from the text a customer types to the receipt. */
@Tag("e2e")
class CheckoutFlowE2ETest {

    @DisplayName("a customer checks out the order they typed [REQ:CHK-1]")
    @Test
    void customerChecksOutATypedOrder() {
        Shop shop = Shop.withInstantPayments();
        List<OrderLine> order = new OrderParser().parse(Shop.resource("orders/weekly-order.txt"));

        Checkout.Receipt receipt = shop.checkout.checkout("ada", order, 0);

        assertEquals(new BigDecimal("14.33"), receipt.total());
        assertEquals("PAY-1", receipt.paymentReference());
        assertEquals(94, shop.inventory.available("APPLE-1"));
        assertEquals(18, shop.inventory.available("BOOK-2"));
        assertEquals(9, shop.inventory.available("MUG-7"));
    }

    // [REQ:CHK-2] an order that cannot be fulfilled is refused and the customer is not charged
    // [REQ:INV-3]
    @Test
    void orderThatCannotBeFulfilledIsRefusedAndNotCharged() {
        Shop shop = Shop.withInstantPayments();
        List<OrderLine> order = new OrderParser().parse("BOOK-2 x 1\nLAMP-3 x 5");

        assertThrows(OutOfStockException.class, () -> shop.checkout.checkout("ada", order, 0));

        assertEquals(0, shop.payments.charges());
        assertEquals(20, shop.inventory.available("BOOK-2"));
        assertEquals(2, shop.inventory.available("LAMP-3"));
    }
}
