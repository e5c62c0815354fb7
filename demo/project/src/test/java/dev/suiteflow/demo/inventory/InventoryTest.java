package dev.suiteflow.demo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class InventoryTest {

    private final InventoryRepository repository = new InMemoryInventoryRepository();
    private final Inventory inventory = new Inventory(repository);

    @BeforeEach
    void stock() {
        repository.save(new Product("LAMP-3", "Desk lamp", new BigDecimal("24.90")), 2);
        repository.save(new Product("BOOK-2", "Notebook", new BigDecimal("4.00")), 20);
    }

    @Test
    void reservingTakesUnitsOutOfStock() {
        inventory.reserve(List.of(new OrderLine("BOOK-2", 5)));

        assertEquals(15, inventory.available("BOOK-2"));
    }

    // [REQ:INV-3] stock never goes negative
    @Test
    void reservingMoreThanInStockFailsAndChangesNothing() {
        List<OrderLine> order = List.of(new OrderLine("BOOK-2", 5), new OrderLine("LAMP-3", 3));

        OutOfStockException e = assertThrows(OutOfStockException.class, () -> inventory.reserve(order));

        assertEquals("LAMP-3", e.sku());
        assertEquals(2, inventory.available("LAMP-3"));
        assertEquals(20, inventory.available("BOOK-2"), "the lines reserved before the failing one are released");
    }

    @Test
    void releasingPutsUnitsBack() {
        List<OrderLine> order = List.of(new OrderLine("LAMP-3", 2));
        inventory.reserve(order);

        inventory.release(order);

        assertEquals(2, inventory.available("LAMP-3"));
    }
}
