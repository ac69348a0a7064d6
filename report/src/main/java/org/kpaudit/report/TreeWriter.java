package org.kpaudit.report;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * Writes a report tree (maps with string keys in insertion order, lists, strings, numbers,
 * booleans) as YAML, JSON or text. The tree is built by the views; this class decides nothing
 * about content, so every format shows the same facts.
 */
public final class TreeWriter {

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .disable(YAMLGenerator.Feature.SPLIT_LINES)
            .build());

    private static final ObjectMapper JSON = new ObjectMapper()
            .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)
            .enable(SerializationFeature.INDENT_OUTPUT);

    static {
        YAML.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
    }

    private TreeWriter() {
    }

    public static void write(Object tree, OutputFormat format, Writer out) {
        try {
            switch (format) {
                case YAML -> YAML.writeValue(out, tree);
                case JSON -> {
                    DefaultPrettyPrinter pp = new DefaultPrettyPrinter()
                            .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                            .withArrayIndenter(new DefaultIndenter("  ", "\n"));
                    JSON.writer(pp).writeValue(out, tree);
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

    public static String toString(Object tree, OutputFormat format) {
        java.io.StringWriter w = new java.io.StringWriter();
        write(tree, format, w);
        return w.toString();
    }
}
