package dev.suiteflow.demo.inventory;

import java.math.BigDecimal;
import java.util.List;

/**
 * A customer's checkout: reserve the stock, price the order, charge the customer. If the charge fails the
 * reserved stock is released, so a failed checkout leaves the inventory as it found it.
 */
public final class Checkout {

    /** The result of a successful checkout. */
    public record Receipt(String customer, List<OrderLine> lines, BigDecimal subtotal, BigDecimal discount,
            BigDecimal total, String paymentReference) {
    }

    private final Inventory inventory;
    private final PriceCalculator prices;
    private final PaymentGateway payments;

    public Checkout(Inventory inventory, PriceCalculator prices, PaymentGateway payments) {
        this.inventory = inventory;
        this.prices = prices;
        this.payments = payments;
    }

    public Receipt checkout(String customer, List<OrderLine> lines, int discountPercent) {
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("the cart is empty");
        }
        PriceCalculator.Price price = prices.price(lines, discountPercent);
        inventory.reserve(lines);
        try {
            String reference = payments.charge(customer, price.total());
            return new Receipt(customer, lines, price.subtotal(), price.discount(), price.total(), reference);
        } catch (RuntimeException e) {
            inventory.release(lines);
            throw e;
        }
    }
}
