package dev.suiteflow.devstack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Finds the root of the Suiteflow repository: the system property {@code suiteflow.root} when set, else the
 * nearest folder, from the working directory upwards, that holds {@code .mvn/wrapper} and {@code devstack/}.
 */
public final class RepoRoot {

    /** System property that names the repository root explicitly. */
    public static final String PROPERTY = "suiteflow.root";

    private RepoRoot() {
    }

    /** The repository root; throws with a hint when the working directory is outside the repository. */
    public static Path find() {
        String explicit = System.getProperty(PROPERTY);
        if (explicit != null && !explicit.isBlank()) {
            Path root = Path.of(explicit).toAbsolutePath().normalize();
            if (!Files.isDirectory(root)) {
                throw new IllegalStateException("-D" + PROPERTY + "=" + explicit + " is not a directory");
            }
            return root;
        }
        Path start = Path.of("").toAbsolutePath().normalize();
        return findFrom(start).orElseThrow(() -> new IllegalStateException(
                "Cannot find the Suiteflow repository above " + start
                        + " (a folder holding .mvn/wrapper and devstack/). Run from inside the repository or pass -D"
                        + PROPERTY + "=<path>."));
    }

    /** The nearest folder at or above {@code start} that looks like the repository root. */
    static Optional<Path> findFrom(Path start) {
        for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve(".mvn/wrapper")) && Files.isDirectory(dir.resolve("devstack"))) {
                return Optional.of(dir);
            }
        }
        return Optional.empty();
    }
}
