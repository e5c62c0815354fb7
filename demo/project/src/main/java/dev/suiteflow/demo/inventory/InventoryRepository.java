package dev.suiteflow.demo.inventory;

import java.util.Optional;

/**
 * Where products and their stock levels are kept.
 */
public interface InventoryRepository {

    void save(Product product, int stock);

    Optional<Product> product(String sku);

    int stock(String sku);

    /**
     * Atomically changes the stock of a product by {@code delta} if the result is not negative.
     *
     * @return whether the change was made
     */
    boolean adjust(String sku, int delta);
}
