package dev.suiteflow.demo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The catalog file, the order parser and the calculator together. */
@Tag("integration")
class CatalogIntegrationTest {

    // [REQ:PRC-1] the subtotal is the sum of unit price times quantity
    @Test
    void weeklyOrderFromFilesIsPricedFromTheCatalog() {
        Shop shop = Shop.withInstantPayments();
        List<OrderLine> order = new OrderParser().parse(Shop.resource("orders/weekly-order.txt"));

        assertEquals(4, Shop.readCatalog().size());
        assertEquals(new BigDecimal("14.33"), shop.prices.subtotal(order));
    }
}
