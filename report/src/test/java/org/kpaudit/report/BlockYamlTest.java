package org.kpaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link BlockYaml} against Jackson's YAML generator (the reference), string by string and shape by shape. */
class BlockYamlTest {

    /** Characters that matter to YAML quoting, and some letters to make words. */
    static final String ALPHABET = " -?:#,[]{}&*!|>'\"%@`~0123456789._/\\+=()$^;<aAyYnNoOtTfFeElLu";

    static String jackson(Object tree) {
        StringWriter w = new StringWriter();
        try {
            TreeWriter.jacksonYaml(tree, w);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return w.toString();
    }

    static Map<String, Object> map(Object... kv) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], kv[i + 1]);
        }
        return m;
    }

    static Set<String> strings() {
        Set<String> out = new LinkedHashSet<>(Arrays.asList("", " ", "a", "y", "Y", "yes", "Yes", "YES", "no", "NO",
                "n", "on", "On", "off", "OFF", "true", "False", "null", "Null", "NULL", "~", "~x", "x~", "-", "- a",
                "-a", "--", "---", "--- a", "...", "..a", ".text", ".rela.kpatch.text", "?", "? a", "?a", ":", ":a",
                ": a", "a:", "a:b", "a: b", "a :b", "#", "#a", "a#b", "a #b", "a# b", "0", "00", "007", "0_1", "0x1169",
                "0.5", "1", "12", "1.5", "+1", "-1", "1e3", "0o17", "lead ", " trail", "a  b", "'", "''", "'q'", "a'b",
                "\"", "\"q\"", "a\"b", "\\", "a\\b", "@x", "`x`", "%x", "&x", "*x", "!x", "|x", ">x", "[x]", "{x}",
                "a,b", "a[b", "x]", "{", "=", "<<", "R_X86_64_PC32", "lookup_slot.kpatch", "printf@GLIBC_2.2.5",
                "_ZN4shop9Inventory4takeEi", "shop::Inventory::take(int)", "a089a4f5e43ba0634a4ef66deeef1450ffe24aa4",
                "samples/libcare/a_bounds_check/patch/a089a4f5e43ba0634a4ef66deeef1450ffe24aa4.kpatch",
                "t.tgz!store/996a071e/latest/kpatch.bin", "The patch changes main, which is always on a stack.",
                "It is 'quoted' (and: this)", "ends with a colon:", "100%", "x y z"));
        for (int i = 0; i < ALPHABET.length(); i++) {
            out.add(ALPHABET.substring(i, i + 1));
            for (int j = 0; j < ALPHABET.length(); j++) {
                out.add("" + ALPHABET.charAt(i) + ALPHABET.charAt(j));
            }
        }
        Random r = new Random(20240611);
        for (int i = 0; i < 4000; i++) {
            char[] c = new char[1 + r.nextInt(8)];
            for (int j = 0; j < c.length; j++) {
                c[j] = ALPHABET.charAt(r.nextInt(ALPHABET.length()));
            }
            out.add(new String(c));
        }
        return out;
    }

    @Test
    void everyPrintableAsciiStringIsWrittenAsJacksonWritesIt() {
        List<String> differ = new ArrayList<>();
        int n = 0;
        for (String s : strings()) {
            List<Map<String, Object>> trees = new ArrayList<>();
            trees.add(map("value", s));
            trees.add(map("list", List.of(s, map("a", s, "b", List.of(s))), "map", map("x", s)));
            if (!s.isEmpty()) {
                trees.add(map(s, "v", "next", map(s, List.of(1))));
            }
            for (Map<String, Object> t : trees) {
                n++;
                String mine = BlockYaml.render(t);
                String ref = jackson(t);
                if (!ref.equals(mine)) {
                    differ.add("[" + s + "]\n--- BlockYaml:\n" + mine + "--- Jackson:\n" + ref);
                }
            }
        }
        assertThat(n).isGreaterThan(10_000);
        assertThat(differ).as("trees written differently").isEmpty();
    }

    @Test
    void shapesAndScalarsOfTheReportTrees() {
        enum Kind { CHANGED }
        Map<String, Object> t = map("schema", "kpaudit-check/1", "failed", true, "count", 3, "address", 0x1169L,
                "big", new BigInteger("18446744073709551615"), "none", null, "kind", Kind.CHANGED,
                "empty_map", Map.of(), "empty_list", List.of(),
                "nested", map("a", map("b", map("c", List.of("x", map("d", List.of(map("e", 1)), "f", null))))),
                "list", List.of(map("name", "f", "sizes", List.of(1, 2), "more", map("k", "v")), "tail", 7, false));
        String mine = BlockYaml.render(t);
        assertThat(mine).isNotNull().isEqualTo(jackson(t));
        assertThat(mine).contains("\nnested:\n  a:\n    b:\n      c:\n        - x\n        - d:\n            - e: 1\n");
    }

    @Test
    void whatItDoesNotHandleIsLeftToJackson() {
        assertThat(BlockYaml.render(map("k", "caf\u00e9"))).isNull();
        assertThat(BlockYaml.render(map("k", "two\nlines"))).isNull();
        assertThat(BlockYaml.render(map("k", "tab\there"))).isNull();
        assertThat(BlockYaml.render(map("k", List.of(List.of("nested"))))).isNull();
        assertThat(BlockYaml.render(map("k", List.of(Map.of())))).isNull();
        assertThat(BlockYaml.render(map("k", 1.5))).isNull();
        assertThat(BlockYaml.render(map("", 1))).isNull();
        assertThat(BlockYaml.render(map("k".repeat(130), 1))).isNull();
        assertThat(BlockYaml.render(Map.of())).isNull();
        assertThat(BlockYaml.render(List.of("root list"))).isNull();
        // and TreeWriter's YAML is then Jackson's
        Map<String, Object> t = map("k", "caf\u00e9\n", "l", List.of(List.of(1.5)));
        assertThat(TreeWriter.toString(t, OutputFormat.YAML)).isEqualTo(jackson(t));
    }
}
