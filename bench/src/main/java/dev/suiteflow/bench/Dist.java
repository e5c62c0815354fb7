package dev.suiteflow.bench;

import java.util.Arrays;
import java.util.Collection;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** A distribution of values in milliseconds: count, p50, p99 (nearest rank), min, max, mean. */
record Dist(int n, double p50, double p99, double min, double max, double mean) {

    static final Dist EMPTY = new Dist(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);

    static Dist of(Collection<Double> values) {
        double[] v = values.stream().filter(d -> d != null && !d.isNaN()).mapToDouble(Double::doubleValue)
                .toArray();
        if (v.length == 0) {
            return EMPTY;
        }
        Arrays.sort(v);
        return new Dist(v.length, rank(v, 50), rank(v, 99), v[0], v[v.length - 1],
                Arrays.stream(v).average().orElse(Double.NaN));
    }

    /** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
    static double rank(double[] sorted, double p) {
        int i = (int) Math.ceil(p / 100.0 * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
    }

    ObjectNode json() {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("n", n);
        put(o, "p50", p50);
        put(o, "p99", p99);
        put(o, "min", min);
        put(o, "max", max);
        put(o, "mean", mean);
        return o;
    }

    private static void put(ObjectNode o, String name, double value) {
        if (Double.isNaN(value)) {
            o.putNull(name);
        } else {
            o.put(name, Math.round(value * 100) / 100.0);
        }
    }

    static String fmt(double ms) {
        if (Double.isNaN(ms)) {
            return "-";
        }
        if (Math.abs(ms) >= 100) {
            return String.format("%.0f", ms);
        }
        return String.format("%.1f", ms);
    }
}
