package dev.suiteflow.demo.inventory;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;

/**
 * A shop wired together for tests: the catalog of {@code catalog.csv} in an in-memory repository, and a
 * checkout with the given payment gateway.
 */
final class Shop {

    final InventoryRepository repository = new InMemoryInventoryRepository();
    final Inventory inventory = new Inventory(repository);
    final PriceCalculator prices = new PriceCalculator(inventory);
    final SimulatedPaymentGateway payments;
    final Checkout checkout;

    private Shop(SimulatedPaymentGateway payments) {
        this.payments = payments;
        this.checkout = new Checkout(inventory, prices, payments);
        for (CatalogParser.Entry entry : readCatalog()) {
            repository.save(entry.product(), entry.stock());
        }
    }

    static Shop withInstantPayments() {
        return new Shop(SimulatedPaymentGateway.instant());
    }

    static Shop with(SimulatedPaymentGateway payments) {
        return new Shop(payments);
    }

    static String resource(String name) {
        try (var in = Objects.requireNonNull(Shop.class.getResourceAsStream("/" + name), name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<CatalogParser.Entry> readCatalog() {
        try (var in = Objects.requireNonNull(Shop.class.getResourceAsStream("/catalog.csv"), "catalog.csv")) {
            return new CatalogParser().parse(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
