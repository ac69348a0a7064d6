package org.kpaudit.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a report tree (maps with string keys in insertion order, lists, strings, numbers,
 * booleans) as YAML, JSON or text. The tree is built by the views; this class decides nothing
 * about content, so every format shows the same facts.
 *
 * <p>The tree is streamed to a Jackson generator by hand: a short command line run would otherwise
 * spend most of its time starting Jackson's object mapper. YAML is written by {@link BlockYaml}
 * when it can (the same text, without starting SnakeYAML), else by Jackson's YAML generator. Each
 * format's factory is made on first use (a lazy holder), so a JSON or text run never loads the
 * YAML classes.
 */
public final class TreeWriter {

    private TreeWriter() {
    }

    /** The JSON factory, made on first use. */
    private static final class Json {
        static final JsonFactory FACTORY = JsonFactory.builder().disable(StreamWriteFeature.AUTO_CLOSE_TARGET).build();
    }

    /** The YAML factory, made on first use. */
    private static final class Yaml {
        static final YAMLFactory FACTORY = YAMLFactory.builder()
                .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
                .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
                .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
                .disable(YAMLGenerator.Feature.SPLIT_LINES)
                .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
                .build();
    }

    /** Jackson's object mapper, only for a value that is not a plain tree node (not expected). */
    private static final class Mapper {
        static final ObjectMapper INSTANCE = new ObjectMapper();
    }

    public static void write(Object tree, OutputFormat format, Writer out) {
        try {
            switch (format) {
                case YAML -> {
                    if (!BlockYaml.write(tree, out)) {
                        jacksonYaml(tree, out);
                    }
                }
                case JSON -> {
                    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
                        g.setPrettyPrinter(prettyPrinter());
                        value(g, tree);
                    }
                    out.write('\n');
                }
                case TEXT -> TextRenderer.render(tree, out);
                default -> throw new IllegalArgumentException("not a tree format: " + format.id());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Writes the tree {@code {key: [items...]}} exactly as {@link #write} would, in YAML or JSON,
     * taking the items one at a time, so that only the current one need be in memory. (Text is not
     * streamed: its list header gives the count.)
     */
    public static void writeList(String key, Iterator<?> items, OutputFormat format, Writer out) {
        try {
            switch (format) {
                case YAML -> {
                    if (!items.hasNext()) {
                        write(one(key, List.of()), format, out);
                        return;
                    }
                    boolean first = true;
                    while (items.hasNext()) {
                        // block YAML renders a list item the same whatever its neighbours: write
                        // {key: [item]} and drop its first line, "key:", but from the first item
                        write(one(key, List.of(items.next())), format, first ? out : new SkipFirstLine(out));
                        first = false;
                    }
                }
                case JSON -> {
                    try (JsonGenerator g = Json.FACTORY.createGenerator(out)) {
                        g.setPrettyPrinter(prettyPrinter());
                        g.writeStartObject();
                        g.writeFieldName(key);
                        g.writeStartArray();
                        while (items.hasNext()) {
                            value(g, items.next());
                        }
                        g.writeEndArray();
                        g.writeEndObject();
                    }
                    out.write('\n');
                }
                default -> throw new IllegalArgumentException("not a streamed tree format: " + format.id());
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A writer that drops everything up to and including the first line break. */
    private static final class SkipFirstLine extends Writer {
        private final Writer out;
        private boolean skipping = true;

        SkipFirstLine(Writer out) {
            this.out = out;
        }

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            if (skipping) {
                for (int i = 0; i < len; i++) {
                    if (buf[off + i] == '\n') {
                        skipping = false;
                        out.write(buf, off + i + 1, len - i - 1);
                        return;
                    }
                }
                return;
            }
            out.write(buf, off, len);
        }

        @Override
        public void write(String str, int off, int len) throws IOException {
            if (skipping) {
                int nl = str.indexOf('\n', off);
                if (nl < 0 || nl >= off + len) {
                    return;
                }
                skipping = false;
                out.write(str, nl + 1, off + len - nl - 1);
                return;
            }
            out.write(str, off, len);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }

    private static Map<String, Object> one(String key, List<?> list) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(key, list);
        return m;
    }

    private static DefaultPrettyPrinter prettyPrinter() {
        return new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
    }

    /** YAML through Jackson's generator (for what {@link BlockYaml} does not handle). */
    static void jacksonYaml(Object tree, Writer out) throws IOException {
        try (JsonGenerator g = Yaml.FACTORY.createGenerator(out)) {
            value(g, tree);
        }
    }

    public static String toString(Object tree, OutputFormat format) {
        java.io.StringWriter w = new java.io.StringWriter();
        write(tree, format, w);
        return w.toString();
    }

    /** Writes one node: map, list, string, number, boolean, enum or null. */
    private static void value(JsonGenerator g, Object v) throws IOException {
        if (v == null) {
            g.writeNull();
        } else if (v instanceof CharSequence s) {
            g.writeString(s.toString());
        } else if (v instanceof Rows rows) {
            // a long table: the first row through the generator (which then knows the array is not
            // empty, and where it is), the others straight into the writer in the same form when it
            // is Jackson's JSON generator over a writer; any other generator takes every row
            int n = rows.size();
            Object[] cells = new Object[rows.width()];
            g.writeStartArray(rows, n);
            int i = 0;
            if (n > 0) {
                row(g, rows, i++, cells);
            }
            if (n > 1 && g instanceof com.fasterxml.jackson.core.json.JsonGeneratorImpl
                    && g.getOutputTarget() instanceof Writer target) {
                int depth = 0;
                for (var ctx = g.getOutputContext(); ctx != null && !ctx.inRoot(); ctx = ctx.getParent()) {
                    depth++;
                }
                g.flush();
                RowsJson.rest(rows, 1, 2 * depth, target);
                i = n;
            }
            for (; i < n; i++) {
                row(g, rows, i, cells);
            }
            g.writeEndArray();
        } else if (v instanceof Map<?, ?> m) {
            g.writeStartObject(m);
            for (Map.Entry<?, ?> e : m.entrySet()) {
                g.writeFieldName(key(e.getKey()));
                value(g, e.getValue());
            }
            g.writeEndObject();
        } else if (v instanceof Iterable<?> list) {
            g.writeStartArray(list);
            for (Object x : list) {
                value(g, x);
            }
            g.writeEndArray();
        } else if (v instanceof Boolean b) {
            g.writeBoolean(b);
        } else if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte) {
            g.writeNumber(((Number) v).longValue());
        } else if (v instanceof BigInteger n) {
            g.writeNumber(n);
        } else if (v instanceof Double d) {
            g.writeNumber(d);
        } else if (v instanceof Float f) {
            g.writeNumber(f);
        } else if (v instanceof BigDecimal d) {
            g.writeNumber(d);
        } else if (v instanceof Enum<?> e) {
            g.writeString(e.name());
        } else {
            Mapper.INSTANCE.writeValue(g, v);
        }
    }

    /** One row of a table as an object through the generator. */
    private static void row(JsonGenerator g, Rows rows, int i, Object[] cells) throws IOException {
        rows.fill(i, cells);
        g.writeStartObject();
        for (int c = 0; c < cells.length; c++) {
            if (cells[c] != Rows.ABSENT) {
                g.writeFieldName(rows.column(c));
                value(g, cells[c]);
            }
        }
        g.writeEndObject();
    }

    private static String key(Object k) {
        return k instanceof Enum<?> e ? e.name() : String.valueOf(k);
    }
}
