package dev.suiteflow.selector.index;

import java.util.List;

/**
 * What the selector knows about one compiled {@code .class} file (Maven {@code target/classes},
 * {@code target/test-classes}, Gradle {@code build/classes/java/main|test}): the class it holds and every type its
 * constant pool, descriptors, signatures and annotations name. Kept in the warm cache next to the source facts
 * and keyed the same way, by the file's path, size and modification time.
 *
 * @param path  path relative to the workspace, {@code /}-separated
 * @param size  size in bytes when read
 * @param mtime modification time (microseconds) when read
 * @param name  the class's binary name ({@code a.b.Outer$Inner})
 * @param refs  binary names of the other types it references (JDK and libraries included; the graph drops them)
 */
public record ClassFacts(String path, long size, long mtime, String name, List<String> refs) {
}
