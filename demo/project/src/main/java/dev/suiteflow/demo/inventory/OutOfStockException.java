package dev.suiteflow.demo.inventory;

/**
 * Thrown when an order asks for more units than are in stock.
 */
public class OutOfStockException extends RuntimeException {

    private final String sku;

    public OutOfStockException(String sku, int requested, int available) {
        super("only " + available + " unit(s) of " + sku + " in stock, " + requested + " requested");
        this.sku = sku;
    }

    public String sku() {
        return sku;
    }
}
