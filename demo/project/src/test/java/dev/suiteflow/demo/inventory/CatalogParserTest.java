package dev.suiteflow.demo.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.math.BigDecimal;
import java.util.List;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CatalogParserTest {

    private final CatalogParser parser = new CatalogParser();

    @Test
    void parsesProductsAndStock() throws Exception {
        List<CatalogParser.Entry> entries = parser.parse(new StringReader("sku,name,price,stock\nMUG-7,Enamel mug,3.33,10\n"));

        assertEquals(List.of(new CatalogParser.Entry(new Product("MUG-7", "Enamel mug", new BigDecimal("3.33")), 10)),
                entries);
    }

    @Test
    void rejectsNegativePrice() {
        assertThrows(IllegalArgumentException.class,
                () -> parser.parse(new StringReader("sku,name,price,stock\nMUG-7,Enamel mug,-3.33,10\n")));
    }
}
