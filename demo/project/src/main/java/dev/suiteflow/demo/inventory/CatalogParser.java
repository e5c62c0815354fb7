package dev.suiteflow.demo.inventory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a catalog in CSV form: {@code sku,name,price,stock}, with a header line.
 */
public final class CatalogParser {

    /** A product and how many units are in stock. */
    public record Entry(Product product, int stock) {
    }

    public List<Entry> parse(Reader reader) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(reader)) {
            String header = in.readLine();
            if (header == null || !header.strip().equals("sku,name,price,stock")) {
                throw new IllegalArgumentException("catalog must start with 'sku,name,price,stock', got '" + header + "'");
            }
            String row;
            int number = 1;
            while ((row = in.readLine()) != null) {
                number++;
                if (row.isBlank()) {
                    continue;
                }
                String[] cells = row.split(",", -1);
                if (cells.length != 4) {
                    throw new IllegalArgumentException("catalog line " + number + ": expected 4 cells, got " + cells.length);
                }
                Product product = new Product(cells[0].strip(), cells[1].strip(), new BigDecimal(cells[2].strip()));
                entries.add(new Entry(product, Integer.parseInt(cells[3].strip())));
            }
        }
        return List.copyOf(entries);
    }
}
