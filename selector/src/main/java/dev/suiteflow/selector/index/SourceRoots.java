package dev.suiteflow.selector.index;

import java.util.Locale;

/** Where a source file sits: its source root, whether that root holds tests, its package path. */
public final class SourceRoots {

    private SourceRoots() {
    }

    /**
     * The source root of a file, found by removing its package directories: {@code m/src/test/java} for
     * {@code m/src/test/java/a/b/FooTest.java} in package {@code a.b}; null when the path does not match the
     * package.
     */
    public static String sourceRoot(String path, String pkg) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        String pkgPath = pkg.replace('.', '/');
        if (pkgPath.isEmpty()) {
            return dir;
        }
        if (dir.equals(pkgPath)) {
            return "";
        }
        if (dir.endsWith("/" + pkgPath)) {
            return dir.substring(0, dir.length() - pkgPath.length() - 1);
        }
        return null;
    }

    /**
     * A test source root: {@code src/<set>/java} (or kotlin, groovy) where the set's name contains "test" or is
     * "it" ({@code src/test/java}, {@code src/integrationTest/java}, {@code src/it/java}), or a root directory
     * named {@code test} or {@code tests}.
     */
    public static boolean isTestSource(String path, String pkg) {
        String root = sourceRoot(path, pkg);
        if (root == null) {
            String p = "/" + path;
            return p.contains("/src/test/") || p.contains("/test/") || p.contains("/tests/");
        }
        String[] seg = root.isEmpty() ? new String[0] : root.split("/");
        int n = seg.length;
        if (n >= 3 && seg[n - 3].equals("src") && (seg[n - 1].equals("java") || seg[n - 1].equals("kotlin")
                || seg[n - 1].equals("groovy"))) {
            String set = seg[n - 2].toLowerCase(Locale.ROOT);
            return set.contains("test") || set.equals("it");
        }
        return n >= 1 && (seg[n - 1].equals("test") || seg[n - 1].equals("tests"));
    }

    /**
     * The package-like path of any file: the part after {@code src/<set>/<lang-or-resources>/} when there is
     * one, else its directory ({@code com/acme/orders} for {@code m/src/main/resources/com/acme/orders/x.graphql}).
     */
    public static String packagePath(String path) {
        int slash = path.lastIndexOf('/');
        String dir = slash < 0 ? "" : path.substring(0, slash);
        String[] seg = dir.isEmpty() ? new String[0] : dir.split("/");
        for (int i = 0; i + 2 < seg.length; i++) {
            if (seg[i].equals("src")) {
                return String.join("/", java.util.Arrays.copyOfRange(seg, i + 3, seg.length));
            }
        }
        return dir;
    }

    public static String parent(String dir) {
        int slash = dir.lastIndexOf('/');
        return slash < 0 ? "" : dir.substring(0, slash);
    }

    public static String directory(String path) {
        return parent(path);
    }

    public static String fileName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }
}
