package org.kpaudit.analyzer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a site allows a patch to do: which functions it may change or add, which it must never
 * touch, how many, which imports it may use, and whether it may bring new writable data.
 *
 * <p>The YAML file has these keys, all optional (an unknown key is an error, not ignored):
 * <pre>
 * allow_functions: [glob, ...]      # when given, every changed and new function must match one
 * deny_functions: [glob, ...]       # no changed or new function may match any
 * never_patchable: [glob, ...]      # added to the built-in list: main, _start
 * thread_entry_points: [name, ...]  # functions that start threads: always on a stack, never patchable
 * max_functions: N                  # most changed + new functions in one patch
 * allowed_imports: [glob, ...]      # when given, every import (name or name@version) must match one
 * allow_writable_data: true|false   # whether .kpatch.data may carry relocations or non-zero bytes
 * suppressions:                     # findings accepted, with a reason; still reported, marked suppressed
 *   - check: KP402                  #   glob over check ids (required)
 *     patch: G0001                  #   glob over the patch id or file name (optional)
 *     function: main                #   glob over the function (optional)
 *     reason: "reviewed: ..."       #   required
 *     expires: 2027-06-30           #   optional: not applied after that day (a warning says so)
 * </pre>
 * Globs match the mangled and the demangled name.
 */
public record Policy(
        String source,
        List<Glob> allowFunctions,
        List<Glob> denyFunctions,
        List<Glob> neverPatchable,
        List<String> threadEntryPoints,
        Integer maxFunctions,
        List<Glob> allowedImports,
        boolean allowWritableData,
        List<Suppression> suppressions) {

    /** Functions that are on some stack for the life of a process (kpatch-format.md 4.2, corpus g_func_filter). */
    public static final List<String> DEFAULT_NEVER_PATCHABLE = List.of("main", "_start");

    private static final Set<String> KEYS = Set.of("allow_functions", "deny_functions", "never_patchable",
            "thread_entry_points", "max_functions", "allowed_imports", "allow_writable_data", "suppressions");

    public Policy {
        allowFunctions = allowFunctions == null ? null : List.copyOf(allowFunctions);
        denyFunctions = List.copyOf(denyFunctions);
        neverPatchable = List.copyOf(neverPatchable);
        threadEntryPoints = List.copyOf(threadEntryPoints);
        allowedImports = allowedImports == null ? null : List.copyOf(allowedImports);
        suppressions = suppressions == null ? List.of() : List.copyOf(suppressions);
    }

    /** The built-in policy: never patch main or _start; everything else allowed. */
    public static Policy defaults() {
        return new Policy("built-in default", null, List.of(), globs(DEFAULT_NEVER_PATCHABLE), List.of(), null, null,
                true, List.of());
    }

    public static Policy load(Path file) throws PolicyException {
        String text;
        try {
            text = Files.readString(file);
        } catch (IOException e) {
            throw new PolicyException("policy file " + file + ": cannot read it (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")");
        }
        return parse(file.toString(), text);
    }

    public static Policy parse(String source, String yaml) throws PolicyException {
        JsonNode root;
        try {
            root = new ObjectMapper(new YAMLFactory()).readTree(yaml);
        } catch (IOException e) {
            String m = e.getMessage() == null ? "" : e.getMessage().lines().findFirst().orElse("");
            throw new PolicyException("policy file " + source + ": not valid YAML: " + m);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            return defaults().withSource(source);
        }
        if (!root.isObject()) {
            throw new PolicyException("policy file " + source + ": the top level must be a mapping of keys "
                    + new java.util.TreeSet<>(KEYS));
        }
        for (Iterator<String> it = root.fieldNames(); it.hasNext();) {
            String k = it.next();
            if (!KEYS.contains(k)) {
                throw new PolicyException("policy file " + source + ": unknown key '" + k + "' (known keys: "
                        + String.join(", ", new java.util.TreeSet<>(KEYS)) + ")");
            }
        }
        List<String> never = new ArrayList<>(DEFAULT_NEVER_PATCHABLE);
        never.addAll(strings(source, root, "never_patchable"));
        List<String> threads = strings(source, root, "thread_entry_points");
        Integer max = null;
        if (root.has("max_functions")) {
            JsonNode n = root.get("max_functions");
            if (!n.canConvertToInt() || !n.isIntegralNumber() || n.asInt() < 0) {
                throw new PolicyException("policy file " + source + ": max_functions must be a whole number >= 0, not '"
                        + n.asText() + "'");
            }
            max = n.asInt();
        }
        boolean data = true;
        if (root.has("allow_writable_data")) {
            JsonNode n = root.get("allow_writable_data");
            if (!n.isBoolean()) {
                throw new PolicyException("policy file " + source + ": allow_writable_data must be true or false, not '"
                        + n.asText() + "'");
            }
            data = n.asBoolean();
        }
        return new Policy(source,
                root.has("allow_functions") ? compile(source, "allow_functions", strings(source, root, "allow_functions"))
                        : null,
                compile(source, "deny_functions", strings(source, root, "deny_functions")),
                compile(source, "never_patchable", never),
                threads,
                max,
                root.has("allowed_imports") ? compile(source, "allowed_imports", strings(source, root, "allowed_imports"))
                        : null,
                data,
                suppressions(source, root.get("suppressions")));
    }

    private static final Set<String> SUPPRESSION_KEYS = Set.of("check", "patch", "function", "reason", "expires");

    private static List<Suppression> suppressions(String source, JsonNode list) throws PolicyException {
        List<Suppression> out = new ArrayList<>();
        if (list == null || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new PolicyException("policy file " + source + ": suppressions must be a list of entries");
        }
        for (int i = 0; i < list.size(); i++) {
            JsonNode e = list.get(i);
            String where = "policy file " + source + ": suppressions[" + i + "]";
            if (!e.isObject()) {
                throw new PolicyException(where + " must be a mapping with check and reason");
            }
            for (Iterator<String> it = e.fieldNames(); it.hasNext();) {
                String k = it.next();
                if (!SUPPRESSION_KEYS.contains(k)) {
                    throw new PolicyException(where + ": unknown key '" + k + "' (known keys: "
                            + String.join(", ", new java.util.TreeSet<>(SUPPRESSION_KEYS)) + ")");
                }
            }
            String check = text(e, "check");
            String reason = text(e, "reason");
            if (check == null) {
                throw new PolicyException(where + ": check is required (a check id or a glob such as KP4*)");
            }
            if (reason == null || reason.isBlank()) {
                throw new PolicyException(where + ": reason is required: say why the finding is accepted");
            }
            java.time.LocalDate expires = null;
            String date = text(e, "expires");
            if (date != null) {
                try {
                    expires = java.time.LocalDate.parse(date);
                } catch (java.time.format.DateTimeParseException ex) {
                    throw new PolicyException(where + ": expires must be a date YYYY-MM-DD, not '" + date + "'");
                }
            }
            try {
                String patch = text(e, "patch");
                String function = text(e, "function");
                out.add(new Suppression(Glob.compile(check), patch == null ? null : Glob.compile(patch),
                        function == null ? null : Glob.compile(function), reason.strip(), expires));
            } catch (IllegalArgumentException ex) {
                throw new PolicyException(where + ": " + ex.getMessage());
            }
        }
        return out;
    }

    private static String text(JsonNode e, String key) throws PolicyException {
        JsonNode n = e.get(key);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isValueNode()) {
            throw new PolicyException("policy file: suppressions: " + key + " must be a string, not " + n.getNodeType());
        }
        return n.asText();
    }

    private Policy withSource(String s) {
        return new Policy(s, allowFunctions, denyFunctions, neverPatchable, threadEntryPoints, maxFunctions,
                allowedImports, allowWritableData, suppressions);
    }

    private static List<String> strings(String source, JsonNode root, String key) throws PolicyException {
        List<String> out = new ArrayList<>();
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) {
            return out;
        }
        if (!n.isArray()) {
            throw new PolicyException("policy file " + source + ": " + key + " must be a list of strings");
        }
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new PolicyException("policy file " + source + ": " + key + " must be a list of strings, found '"
                        + e.toString() + "'");
            }
            out.add(e.asText());
        }
        return out;
    }

    private static List<Glob> compile(String source, String key, List<String> globs) throws PolicyException {
        List<Glob> out = new ArrayList<>();
        for (String g : globs) {
            try {
                out.add(Glob.compile(g));
            } catch (IllegalArgumentException e) {
                throw new PolicyException("policy file " + source + ": " + key + ": bad glob: " + e.getMessage());
            }
        }
        return out;
    }

    private static List<Glob> globs(List<String> names) {
        return names.stream().map(Glob::compile).toList();
    }

    /** The first glob of {@code globs} matching the name or its demangled forms, or null. */
    public static Glob firstMatch(List<Glob> globs, String name) {
        if (globs == null || name == null) {
            return null;
        }
        List<String> forms = new ArrayList<>();
        forms.add(name);
        Demangler.demangle(name).ifPresent(forms::add);
        Demangler.qualifiedName(name).ifPresent(forms::add);
        for (Glob g : globs) {
            for (String f : forms) {
                if (g.matches(f)) {
                    return g;
                }
            }
        }
        return null;
    }

    /** A summary for reports. */
    public Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", source);
        m.put("allow_functions", allowFunctions == null ? null : allowFunctions.stream().map(Glob::toString).toList());
        m.put("deny_functions", denyFunctions.stream().map(Glob::toString).toList());
        m.put("never_patchable", neverPatchable.stream().map(Glob::toString).toList());
        m.put("thread_entry_points", threadEntryPoints);
        m.put("max_functions", maxFunctions);
        m.put("allowed_imports", allowedImports == null ? null : allowedImports.stream().map(Glob::toString).toList());
        m.put("allow_writable_data", allowWritableData);
        if (!suppressions.isEmpty()) {
            m.put("suppressions", suppressions.stream().map(Suppression::describe).toList());
        }
        return m;
    }
}
