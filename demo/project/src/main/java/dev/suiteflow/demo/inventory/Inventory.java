package dev.suiteflow.demo.inventory;

import java.util.ArrayList;
import java.util.List;

/**
 * Reserves and releases stock. Stock never goes negative: a reservation that cannot be met in full changes
 * nothing.
 */
public final class Inventory {

    private final InventoryRepository repository;

    public Inventory(InventoryRepository repository) {
        this.repository = repository;
    }

    public Product product(String sku) {
        return repository.product(sku).orElseThrow(() -> new IllegalArgumentException("unknown sku " + sku));
    }

    public int available(String sku) {
        return repository.stock(sku);
    }

    /** Reserves every line or none. */
    public void reserve(List<OrderLine> lines) {
        List<OrderLine> done = new ArrayList<>();
        for (OrderLine line : lines) {
            product(line.sku());
            if (!repository.adjust(line.sku(), -line.quantity())) {
                release(done);
                throw new OutOfStockException(line.sku(), line.quantity(), repository.stock(line.sku()));
            }
            done.add(line);
        }
    }

    public void release(List<OrderLine> lines) {
        for (OrderLine line : lines) {
            repository.adjust(line.sku(), line.quantity());
        }
    }
}
