package dev.suiteflow.demo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class OrderParserTest {

    private final OrderParser parser = new OrderParser();

    @Test
    void parsesSkuAndQuantityPerLine() {
        assertEquals(List.of(new OrderLine("APPLE-1", 3), new OrderLine("MUG-7", 1)),
                parser.parse("APPLE-1 x 3\nMUG-7 x 1"));
    }

    @Test
    void ignoresBlankLinesAndComments() {
        assertEquals(List.of(new OrderLine("BOOK-2", 2)), parser.parse("# weekly order\n\n  BOOK-2 x 2  \n"));
    }

    @Test
    void rejectsLineWithoutQuantity() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parser.parse("APPLE-1"));
        assertTrue(e.getMessage().startsWith("line 1:"), e.getMessage());
    }

    // [REQ:INV-3] an order line can never ask for a negative quantity
    @Test
    void rejectsNonPositiveQuantity() {
        assertThrows(IllegalArgumentException.class, () -> parser.parse("APPLE-1 x 0"));
        assertThrows(IllegalArgumentException.class, () -> parser.parse("APPLE-1 x -2"));
    }
}
