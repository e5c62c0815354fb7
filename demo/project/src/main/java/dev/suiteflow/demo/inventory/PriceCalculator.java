package dev.suiteflow.demo.inventory;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * Prices an order: subtotal, discount, total. Amounts have two decimals.
 */
public final class PriceCalculator {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    /** What an order costs. */
    public record Price(BigDecimal subtotal, BigDecimal discount, BigDecimal total) {
    }

    private final Inventory inventory;

    public PriceCalculator(Inventory inventory) {
        this.inventory = inventory;
    }

    public BigDecimal subtotal(List<OrderLine> lines) {
        BigDecimal sum = BigDecimal.ZERO;
        for (OrderLine line : lines) {
            sum = sum.add(inventory.product(line.sku()).unitPrice().multiply(BigDecimal.valueOf(line.quantity())));
        }
        return sum.setScale(2, RoundingMode.HALF_UP);
    }

    /**
     * @param discountPercent 0 to 100
     */
    public Price price(List<OrderLine> lines, int discountPercent) {
        if (discountPercent < 0 || discountPercent > 100) {
            throw new IllegalArgumentException("discount must be between 0 and 100 percent, got " + discountPercent);
        }
        BigDecimal subtotal = subtotal(lines);
        // The discount should be rounded half up to the cent; this truncates it instead, so a customer is
        // sometimes charged one cent too much (the demo's integration phase has a test that catches it).
        BigDecimal discount = subtotal.multiply(BigDecimal.valueOf(discountPercent))
                .divide(HUNDRED)
                .setScale(2, RoundingMode.DOWN);
        return new Price(subtotal, discount, subtotal.subtract(discount));
    }
}
