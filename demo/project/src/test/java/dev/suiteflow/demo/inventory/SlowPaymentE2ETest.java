package dev.suiteflow.demo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Checkout against a payment provider that takes its time: the demo's slow test (about 4 seconds). */
@Tag("e2e")
class SlowPaymentE2ETest {

    @DisplayName("checkout waits for a slow payment provider and completes [REQ:PAY-4]")
    @Test
    void checkoutWaitsForASlowPaymentProvider() {
        Shop shop = Shop.with(new SimulatedPaymentGateway(Duration.ofSeconds(4), Set.of(), new BigDecimal("10000")));

        Checkout.Receipt receipt = assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> shop.checkout.checkout("ada", List.of(new OrderLine("LAMP-3", 1)), 10));

        assertEquals(new BigDecimal("22.41"), receipt.total());
        assertEquals(1, shop.inventory.available("LAMP-3"));
    }
}
