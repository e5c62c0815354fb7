package dev.suiteflow.demo.inventory;

/**
 * One line of a customer's order: how many units of which product.
 */
public record OrderLine(String sku, int quantity) {

    public OrderLine {
        if (sku == null || sku.isBlank()) {
            throw new IllegalArgumentException("an order line needs a sku");
        }
        if (quantity <= 0) {
            throw new IllegalArgumentException("quantity of " + sku + " must be positive, got " + quantity);
        }
    }
}
