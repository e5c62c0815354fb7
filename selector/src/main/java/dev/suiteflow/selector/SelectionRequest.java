package dev.suiteflow.selector;

import java.nio.file.Path;
import java.util.List;

/**
 * What to select for.
 *
 * @param workspace  the Java checkout
 * @param changed    changed files, relative to the workspace (or absolute inside it)
 * @param range      a git range {@code base..head} whose changed files are added, or null
 * @param mode       safe or budget
 * @param budget     for budget mode; null in safe mode
 * @param manifests  extra paths the caller declares as Suiteflow manifests (a change to one selects everything)
 * @param history    failure rates, durations and co-change the caller knows (git co-change is added)
 */
public record SelectionRequest(Path workspace, List<String> changed, String range, Mode mode, Budget budget,
                               List<String> manifests, TestHistory history) {

    public enum Mode { SAFE, BUDGET }

    /** A share of the test catalog (0 &lt; share &lt;= 1), or a time budget in seconds. */
    public record Budget(Double share, Double seconds) {

        public static Budget share(double share) {
            return new Budget(share, null);
        }

        public static Budget seconds(double seconds) {
            return new Budget(null, seconds);
        }

        /** {@code 0.2} is a share of the catalog, {@code 300s} a time budget. */
        public static Budget parse(String text) {
            String t = text.trim();
            try {
                if (t.endsWith("s")) {
                    double s = Double.parseDouble(t.substring(0, t.length() - 1));
                    if (s > 0) {
                        return seconds(s);
                    }
                } else {
                    double share = Double.parseDouble(t);
                    if (share > 0 && share <= 1) {
                        return share(share);
                    }
                }
            } catch (NumberFormatException e) {
                // below
            }
            throw new SelectionException("--budget must be a share of the catalog in (0, 1] such as 0.2, "
                    + "or seconds such as 300s; got '" + text + "'");
        }
    }

    public SelectionRequest {
        changed = changed == null ? List.of() : List.copyOf(changed);
        manifests = manifests == null ? List.of() : List.copyOf(manifests);
        mode = mode == null ? Mode.SAFE : mode;
        history = history == null ? TestHistory.none() : history;
        if (mode == Mode.BUDGET && budget == null) {
            throw new SelectionException("budget mode needs --budget (a share such as 0.2, or seconds such as 300s)");
        }
    }

    public static SelectionRequest safe(Path workspace, List<String> changed) {
        return new SelectionRequest(workspace, changed, null, Mode.SAFE, null, List.of(), null);
    }
}
