package org.kpaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A {@link Rows} table is written by the streaming paths exactly as the same rows as a list of maps
 * are written by the generic ones (Jackson's generators, the block YAML writer, the text tables):
 * the goldens and every consumer see no difference.
 */
class RowsTest {

    private static final String[] NAMES = {"main", "", "with space", "x: y", "#not", "tab\there", "quote\"back\\",
        "nul\u0000ctl\u0001", "caf\u00e9", "yes", "0123", "- dash", "a,b", "\u202eRTL"};

    /** Rows of (index, addr as Hex, name, optional version), the shape of a symbol table. */
    private static Rows table(int n, String[] names) {
        return new Rows("index", "addr", "name", "version", "flag") {
            @Override
            public int size() {
                return n;
            }

            @Override
            public void fill(int row, Object[] c) {
                c[0] = row;
                c[1] = Hex.of(row == 3 ? -1L : row * 0x1234L);
                c[2] = names[row % names.length];
                c[3] = row % 3 == 0 ? Rows.ABSENT : "V" + row;
                c[4] = row % 4 == 0 ? null : row % 2 == 0;
            }
        };
    }

    /** The same rows as plain maps, with the hex as the string every view writes. */
    private static List<Map<String, Object>> maps(Rows r) {
        List<Map<String, Object>> out = new ArrayList<>();
        for (int i = 0; i < r.size(); i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            r.get(i).forEach((k, v) -> m.put(k, v instanceof Hex ? v.toString() : v));
            out.add(m);
        }
        return out;
    }

    private static Map<String, Object> tree(Object list) {
        Map<String, Object> file = new LinkedHashMap<>();
        file.put("file", "a.so");
        file.put("symtab", list);
        file.put("after", "end");
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("files", List.of(file));
        return t;
    }

    @ParameterizedTest
    @EnumSource(value = OutputFormat.class, names = {"JSON", "YAML", "TEXT"})
    void streamingEqualsTheGenericWriters(OutputFormat f) {
        String[] ascii = {"main", "", "with space", "x: y", "#not", "yes", "0123", "- dash", "a,b", "it's"};
        for (String[] names : new String[][] {ascii, NAMES}) {
            for (int n : new int[] {0, 1, 2, 7, 1000}) {
                Rows r = table(n, names);
                assertThat(TreeWriter.toString(tree(r), f)).as(f + " with " + n + " rows")
                        .isEqualTo(TreeWriter.toString(tree(maps(r)), f));
            }
        }
    }

    @Test
    void hexIsTheTextOfValuesHex() {
        for (long v : new long[] {0, 1, 0xf, 0x10, 0xdeadbeefL, Long.MAX_VALUE, -1L, Long.MIN_VALUE}) {
            Hex h = Hex.of(v);
            assertThat(h.toString()).isEqualTo(Values.hex(v));
            assertThat(h.length()).isEqualTo(Values.hex(v).length());
            StringBuilder sb = new StringBuilder();
            h.appendTo(sb);
            assertThat(sb.toString()).isEqualTo(Values.hex(v));
            char[] buf = new char[20];
            assertThat(new String(buf, 0, h.putInto(buf, 0))).isEqualTo(Values.hex(v));
            for (int i = 0; i < h.length(); i++) {
                assertThat(h.charAt(i)).isEqualTo(Values.hex(v).charAt(i));
            }
        }
    }

    @Test
    void aTableOfRowsWithoutCellsIsWrittenLikeEmptyMaps() {
        Rows empty = new Rows("a") {
            @Override
            public int size() {
                return 3;
            }

            @Override
            public void fill(int row, Object[] c) {
                c[0] = Rows.ABSENT;
            }
        };
        assertThat(TreeWriter.toString(tree(empty), OutputFormat.JSON))
                .isEqualTo(TreeWriter.toString(tree(maps(empty)), OutputFormat.JSON));
        assertThat(TreeWriter.toString(tree(empty), OutputFormat.YAML))
                .isEqualTo(TreeWriter.toString(tree(maps(empty)), OutputFormat.YAML));
    }
}
