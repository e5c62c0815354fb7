package dev.suiteflow.executor.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class LogBatcherTest {

    @Test
    void flushesAtTheLineLimitAndNumbersBatchesAndLines() {
        List<LogBatcher.Batch> out = new ArrayList<>();
        LogBatcher b = new LogBatcher(100, 200, 40, out::add);
        for (int i = 0; i < 250; i++) {
            b.add(i % 2 == 0 ? "stdout" : "stderr", "line " + i, 1_000);
        }
        assertThat(out).hasSize(2);
        assertThat(out).extracting(LogBatcher.Batch::batch).containsExactly(0L, 1L);
        assertThat(out).extracting(LogBatcher.Batch::firstLine).containsExactly(0L, 100L);
        assertThat(out.get(1).lines().get(0).text()).isEqualTo("line 100");
        b.flush();
        assertThat(out.get(2).firstLine()).isEqualTo(200);
        assertThat(out.get(2).lines()).hasSize(50);
        assertThat(b.tail()).hasSize(40).endsWith("line 249");
    }

    @Test
    void flushesWhenTheFirstPendingLineIsOldEnough() {
        List<LogBatcher.Batch> out = new ArrayList<>();
        LogBatcher b = new LogBatcher(100, 200, 40, out::add);
        b.add("stdout", "a", 1_000);
        b.add("stdout", "b", 1_150);
        b.flushIfDue(1_199);
        assertThat(out).isEmpty();
        assertThat(b.dueInMs(1_150)).isEqualTo(50);
        b.flushIfDue(1_200);
        assertThat(out).singleElement().satisfies(batch -> assertThat(batch.lines()).hasSize(2));
        b.flushIfDue(5_000);
        assertThat(out).hasSize(1);
    }

    @Test
    void readsUtf8LinesAndCutsLongOnes() throws Exception {
        List<String> lines = new ArrayList<>();
        String text = "héllo\r\nwörld\n" + "x".repeat(5000) + "\nlast";
        LineReader.pump(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), 4096, lines::add);
        assertThat(lines).hasSize(4);
        assertThat(lines.get(0)).isEqualTo("héllo");
        assertThat(lines.get(1)).isEqualTo("wörld");
        assertThat(lines.get(2)).startsWith("xxxx").endsWith("[cut]").hasSizeLessThan(4200);
        assertThat(lines.get(3)).isEqualTo("last");
    }
}
