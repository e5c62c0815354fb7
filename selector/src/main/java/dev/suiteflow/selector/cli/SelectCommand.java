package dev.suiteflow.selector.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import dev.suiteflow.selector.Selection;
import dev.suiteflow.selector.SelectionException;
import dev.suiteflow.selector.SelectionRequest;
import dev.suiteflow.selector.SelectionRequest.Budget;
import dev.suiteflow.selector.SelectionRequest.Mode;
import dev.suiteflow.selector.Selector;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./suiteflow select}: prints the selection as JSON; one-line errors and exit code 2 for bad input. */
@Command(name = "select", mixinStandardHelpOptions = true,
        description = "Select and rank the tests a change can affect, from the Java sources of a workspace.",
        sortOptions = false)
public final class SelectCommand implements Callable<Integer> {

    static final int BAD_INPUT = 2;

    @Option(names = "--workspace", required = true, paramLabel = "DIR", description = "the Java checkout")
    Path workspace;

    @Option(names = "--changed", arity = "1..*", paramLabel = "FILE",
            description = "changed files, relative to the workspace (repeatable)")
    List<String> changed = new ArrayList<>();

    @Option(names = "--range", paramLabel = "BASE..HEAD", description = "add the files git diff names for this range")
    String range;

    @Option(names = "--mode", paramLabel = "safe|budget", description = "safe (default): everything reachable; "
            + "budget: the top of the ranking up to --budget")
    String mode;

    @Option(names = "--budget", paramLabel = "SHARE|SECONDSs",
            description = "a share of the catalog (0.2) or seconds (300s, needs known durations); implies budget mode")
    String budget;

    @Option(names = "--manifest", arity = "1..*", paramLabel = "FILE",
            description = "paths that are Suiteflow manifests besides *.suiteflow.yaml")
    List<String> manifests = new ArrayList<>();

    @Option(names = "--cache-dir", paramLabel = "DIR", description = "where the parsed index is kept "
            + "(default $XDG_CACHE_HOME/suiteflow/selector or ~/.cache/suiteflow/selector)")
    Path cacheDir;

    @Option(names = "--no-cache", description = "parse everything, keep nothing on disk")
    boolean noCache;

    @Option(names = "--compact", description = "one-line JSON")
    boolean compact;

    private PrintWriter out;
    private PrintWriter err;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command; returns its exit code (0 ok, 2 bad input, 1 anything else). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        SelectCommand command = new SelectCommand();
        command.out = out;
        command.err = err;
        return execute(command, "select", args, out, err);
    }

    /**
     * Runs one of the selector's commands: picocli's parameter errors and {@link SelectionException}s as one line
     * {@code NAME: message} with exit code 2, anything else as {@code NAME: failed: …} with 1.
     */
    static int execute(Object command, String name, String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(command)
                .setOut(out)
                .setErr(err)
                .setParameterExceptionHandler((ex, a) -> {
                    err.println(name + ": " + ex.getMessage() + " (./suiteflow " + name + " --help)");
                    return BAD_INPUT;
                })
                .setExecutionExceptionHandler((ex, c, p) -> {
                    if (ex instanceof SelectionException) {
                        err.println(name + ": " + ex.getMessage());
                        return BAD_INPUT;
                    }
                    err.println(name + ": failed: " + ex);
                    return 1;
                });
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    @Override
    public Integer call() throws JsonProcessingException {
        String chosen = mode == null ? (budget == null ? "safe" : "budget") : mode.toLowerCase(java.util.Locale.ROOT);
        Mode m = switch (chosen) {
            case "safe" -> Mode.SAFE;
            case "budget" -> Mode.BUDGET;
            default -> throw new SelectionException("--mode must be safe or budget, got '" + mode + "'");
        };
        if (m == Mode.SAFE && budget != null) {
            throw new SelectionException("--budget belongs to --mode budget, not safe");
        }
        Budget b = budget == null ? null : Budget.parse(budget);
        Selector selector = new Selector(noCache ? null : (cacheDir != null ? cacheDir : Selector.defaultCacheDir()));
        Selection selection = selector.plan(new SelectionRequest(workspace, changed, range, m, b, manifests, null));
        ObjectMapper json = new ObjectMapper();
        if (!compact) {
            json.enable(SerializationFeature.INDENT_OUTPUT);
        }
        out.println(json.writeValueAsString(selection));
        return 0;
    }
}
