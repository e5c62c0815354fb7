package dev.suiteflow.support;

import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

import io.vertx.pgclient.PgException;

/** Tells failures that a retry can cure (a database or broker that is down or busy) from the rest. */
public final class Failures {

    private Failures() {
    }

    /** True when the failure, or one of its causes, means "unavailable right now". */
    public static boolean isTransient(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof ConnectException || t instanceof TimeoutException || t instanceof IOException) {
                return true;
            }
            if (t instanceof PgException pg && pg.getSqlState() != null) {
                String state = pg.getSqlState();
                if (state.startsWith("08") || state.startsWith("53") || state.startsWith("57")
                        || state.equals("40001") || state.equals("40P01")) {
                    return true;
                }
            }
            String name = t.getClass().getName();
            if (name.startsWith("io.vertx.core.VertxException") || name.contains("ClosedConnection")
                    || name.endsWith("NoStackTraceThrowable") && String.valueOf(t.getMessage()).contains("onnection")
                    || name.startsWith("org.apache.kafka.common.errors.") && name.contains("Timeout")) {
                return true;
            }
        }
        return false;
    }
}
