package dev.suiteflow.demo.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses an order typed by a customer, one line per product: {@code APPLE-1 x 3}. Blank lines and lines
 * starting with {@code #} are ignored.
 */
public final class OrderParser {

    private static final Pattern LINE = Pattern.compile("\\s*([A-Z0-9][A-Z0-9-]*)\\s*x\\s*(-?\\d+)\\s*");

    public List<OrderLine> parse(String text) {
        List<OrderLine> lines = new ArrayList<>();
        String[] rows = text.split("\\R");
        for (int i = 0; i < rows.length; i++) {
            String row = rows[i].strip();
            if (row.isEmpty() || row.startsWith("#")) {
                continue;
            }
            Matcher m = LINE.matcher(row);
            if (!m.matches()) {
                throw new IllegalArgumentException("line " + (i + 1) + ": expected 'SKU x QUANTITY', got '" + row + "'");
            }
            lines.add(new OrderLine(m.group(1), Integer.parseInt(m.group(2))));
        }
        return List.copyOf(lines);
    }
}
