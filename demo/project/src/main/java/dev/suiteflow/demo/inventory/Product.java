package dev.suiteflow.demo.inventory;

import java.math.BigDecimal;
import java.util.Objects;

/**
 * An item for sale.
 *
 * @param sku       stock-keeping unit, e.g. {@code APPLE-1}
 * @param name      what the customer sees
 * @param unitPrice price of one unit, in the shop's currency, two decimals
 */
public record Product(String sku, String name, BigDecimal unitPrice) {

    public Product {
        Objects.requireNonNull(sku, "sku");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(unitPrice, "unitPrice");
        if (unitPrice.signum() < 0) {
            throw new IllegalArgumentException("price of " + sku + " is negative: " + unitPrice);
        }
    }
}
