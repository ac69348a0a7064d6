package org.kpaudit.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The findings a team has accepted at one point (a file written by {@code --write-baseline}), so
 * that a CI gate on an existing patch stream fails only on what is new. Findings are matched by
 * {@link Finding#fingerprint()}: check, file name, patch and logical location, never offsets.
 * Each finding of a run is then {@code new} or {@code unchanged}, and each baseline entry matched
 * by none is reported {@code absent} (SARIF 2.1.0 3.27.24 baselineState).
 */
public final class Baseline {

    /** The file's schema id. */
    public static final String SCHEMA = "kpaudit-baseline/1";

    /** One accepted finding. */
    public record Entry(String fingerprint, String check, String severity, String file, String message) {
    }

    private final List<Entry> entries;

    private Baseline(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public List<Entry> entries() {
        return entries;
    }

    /** The baseline of these findings (suppressed ones and absent entries are not accepted again). */
    public static Baseline of(List<Finding> findings) {
        List<Entry> out = new ArrayList<>();
        for (Finding f : findings) {
            if (!"absent".equals(f.baseline())) {
                out.add(new Entry(f.fingerprint(), f.checkId(), f.severity().name().toLowerCase(java.util.Locale.ROOT),
                        f.location().file(), f.message()));
            }
        }
        out.sort(Comparator.comparing(Entry::fingerprint).thenComparing(Entry::message));
        return new Baseline(out);
    }

    /** The file's content, as a tree for the report writers (JSON). */
    public Map<String, Object> tree() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", SCHEMA);
        List<Object> list = new ArrayList<>();
        for (Entry e : entries) {
            Map<String, Object> x = new LinkedHashMap<>();
            x.put("fingerprint", e.fingerprint());
            x.put("check", e.check());
            x.put("severity", e.severity());
            x.put("file", e.file());
            x.put("message", e.message());
            list.add(x);
        }
        m.put("findings", list);
        return m;
    }

    /** Reads a baseline file; what is not one is a {@link PolicyException} naming the file and the problem. */
    public static Baseline load(Path file) throws PolicyException {
        JsonNode root;
        try {
            if (Files.size(file) > (256L << 20)) {
                throw new PolicyException("baseline " + file + ": larger than 256 MiB; not a baseline kpaudit wrote");
            }
            root = new ObjectMapper().readTree(Files.readString(file));
        } catch (IOException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new PolicyException("baseline " + file + ": cannot read it as JSON: " + m);
        }
        if (root == null || !root.isObject() || !SCHEMA.equals(root.path("schema").asText())) {
            throw new PolicyException("baseline " + file + ": not a kpaudit baseline (schema must be " + SCHEMA + ")");
        }
        List<Entry> out = new ArrayList<>();
        JsonNode list = root.path("findings");
        if (!list.isArray()) {
            throw new PolicyException("baseline " + file + ": findings must be a list");
        }
        for (JsonNode e : list) {
            String fp = e.path("fingerprint").asText(null);
            if (fp == null || fp.isEmpty()) {
                throw new PolicyException("baseline " + file + ": an entry has no fingerprint");
            }
            out.add(new Entry(fp, e.path("check").asText(""), e.path("severity").asText("note"),
                    e.path("file").asText(""), e.path("message").asText("")));
        }
        return new Baseline(out);
    }

    /**
     * The findings compared with the baseline (null for none) and the suppressions applied: each
     * finding marked new/unchanged and suppressed where an active entry matches; baseline entries no
     * finding matched added as {@code absent} findings; expired suppressions named in {@code warnings}.
     */
    public static List<Finding> review(List<Finding> findings, Baseline baseline, List<Suppression> suppressions,
            LocalDate today, List<String> warnings) {
        Map<String, Integer> left = new HashMap<>();
        Map<String, Entry> any = new LinkedHashMap<>();
        if (baseline != null) {
            for (Entry e : baseline.entries()) {
                left.merge(e.fingerprint(), 1, Integer::sum);
                any.putIfAbsent(e.fingerprint(), e);
            }
        }
        for (Suppression s : suppressions) {
            if (!s.active(today)) {
                warnings.add("the suppression '" + s.describe() + "' expired on " + s.expires()
                        + " and was not applied");
            }
        }
        List<Finding> out = new ArrayList<>();
        for (Finding f : findings) {
            Finding g = f;
            if (baseline != null) {
                Integer n = left.get(f.fingerprint());
                if (n != null && n > 0) {
                    left.put(f.fingerprint(), n - 1);
                    g = g.withBaseline("unchanged");
                } else {
                    g = g.withBaseline("new");
                }
            }
            for (Suppression s : suppressions) {
                if (s.active(today) && s.matches(f)) {
                    g = g.withSuppression(s.reason());
                    break;
                }
            }
            out.add(g);
        }
        if (baseline != null) {
            for (Entry e : baseline.entries()) {
                int n = left.getOrDefault(e.fingerprint(), 0);
                if (n > 0) {
                    left.put(e.fingerprint(), n - 1);
                    Severity sev = switch (e.severity()) {
                        case "error" -> Severity.ERROR;
                        case "warning" -> Severity.WARNING;
                        default -> Severity.NOTE;
                    };
                    out.add(new Finding(e.check(), sev, "No longer found (it was in the baseline): " + e.message(),
                            Location.ofFile(e.file()), Finding.Kind.FAIL, "absent", null));
                }
            }
        }
        out.sort(Finding.ORDER);
        return out;
    }
}
