package org.kpaudit.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TreeWriterTest {

    enum Level { ERROR }

    /** A tree with every node kind the views build. */
    static Map<String, Object> tree() {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("name", "lookup_slot");
        inner.put("address", 0x1169L);
        inner.put("size", 38);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("schema", "kpaudit-check/1");
        m.put("failed", true);
        m.put("big", new BigInteger("18446744073709551615"));
        m.put("none", null);
        m.put("level", Level.ERROR);
        m.put("quoted", "a: b");
        m.put("empty", new ArrayList<>());
        m.put("functions", List.of(inner, "main"));
        return m;
    }

    @Test
    void jsonIsIndentedByTwoSpacesWithKeysInInsertionOrder() {
        assertThat(TreeWriter.toString(tree(), OutputFormat.JSON)).isEqualTo("""
                {
                  "schema" : "kpaudit-check/1",
                  "failed" : true,
                  "big" : 18446744073709551615,
                  "none" : null,
                  "level" : "ERROR",
                  "quoted" : "a: b",
                  "empty" : [ ],
                  "functions" : [
                    {
                      "name" : "lookup_slot",
                      "address" : 4457,
                      "size" : 38
                    },
                    "main"
                  ]
                }
                """);
    }

    @Test
    void yamlHasNoDocumentMarkerAndQuotesOnlyWhatNeedsIt() {
        assertThat(TreeWriter.toString(tree(), OutputFormat.YAML)).isEqualTo("""
                schema: kpaudit-check/1
                failed: true
                big: 18446744073709551615
                none: null
                level: ERROR
                quoted: "a: b"
                empty: []
                functions:
                  - name: lookup_slot
                    address: 4457
                    size: 38
                  - main
                """);
    }

    @Test
    void otherValuesFallBackToJacksonsMapper() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("array", new int[] {1, 2});
        m.put("list", Arrays.asList(1.5, null));
        assertThat(TreeWriter.toString(m, OutputFormat.YAML)).isEqualTo("""
                array:
                  - 1
                  - 2
                list:
                  - 1.5
                  - null
                """);
    }

    @Test
    void aStreamedListIsWrittenAsTheWholeTreeIs() {
        Map<String, Object> ascii = tree();
        Map<String, Object> nonAscii = tree();
        nonAscii.put("name", "f\u00e9e\u0007"); // not plain printable ASCII: Jackson's YAML generator writes it
        List<List<Object>> cases = List.of(List.of(), List.of(ascii), List.of(ascii, nonAscii, ascii),
                List.of(nonAscii, ascii), List.of("a", ascii));
        for (List<Object> items : cases) {
            Map<String, Object> whole = new LinkedHashMap<>();
            whole.put("files", items);
            for (OutputFormat f : List.of(OutputFormat.YAML, OutputFormat.JSON)) {
                java.io.StringWriter w = new java.io.StringWriter();
                TreeWriter.writeList("files", items.iterator(), f, w);
                assertThat(w.toString()).as(f + " of " + items.size() + " items")
                        .isEqualTo(TreeWriter.toString(whole, f));
            }
        }
    }

    @Test
    void aStreamedListTakesOneItemAtATime() {
        List<String> asked = new ArrayList<>();
        java.util.Iterator<Object> items = new java.util.Iterator<>() {
            int n;

            @Override
            public boolean hasNext() {
                return n < 3;
            }

            @Override
            public Object next() {
                asked.add("item " + n);
                return Map.of("n", n++);
            }
        };
        java.io.Writer w = new java.io.Writer() {
            @Override
            public void write(char[] c, int off, int len) {
                asked.add("write");
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        TreeWriter.writeList("files", items, OutputFormat.YAML, w);
        // each item is written before the next one is asked for
        assertThat(String.join(",", asked).replaceAll("(,write)+", ",write"))
                .isEqualTo("item 0,write,item 1,write,item 2,write");
    }
}
