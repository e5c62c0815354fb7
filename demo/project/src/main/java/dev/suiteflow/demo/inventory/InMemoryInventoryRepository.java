package dev.suiteflow.demo.inventory;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link InventoryRepository} in memory; safe for concurrent use.
 */
public final class InMemoryInventoryRepository implements InventoryRepository {

    private final Map<String, Product> products = new ConcurrentHashMap<>();
    private final Map<String, Integer> stock = new ConcurrentHashMap<>();

    @Override
    public void save(Product product, int units) {
        if (units < 0) {
            throw new IllegalArgumentException("stock of " + product.sku() + " cannot be negative: " + units);
        }
        products.put(product.sku(), product);
        stock.put(product.sku(), units);
    }

    @Override
    public Optional<Product> product(String sku) {
        return Optional.ofNullable(products.get(sku));
    }

    @Override
    public int stock(String sku) {
        return stock.getOrDefault(sku, 0);
    }

    @Override
    public boolean adjust(String sku, int delta) {
        boolean[] done = {false};
        stock.computeIfPresent(sku, (key, units) -> {
            if (units + delta < 0) {
                return units;
            }
            done[0] = true;
            return units + delta;
        });
        return done[0];
    }
}
