package org.kpaudit.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of {@code readelf -W -S -s -r} (GNU binutils) so that tests can compare the
 * parser with an independent implementation.
 */
public final class ReadelfOutput {

    public record Section(int index, String name, String type, long addr, long offset, long size, long entsize,
            String flags, long link, long info, long align) {
    }

    public record Symbol(String table, int index, long value, long size, String type, String bind, String vis,
            String ndx, String name, String version) {
    }

    public record Reloc(String section, long offset, long info, String type, String symbol, Long addend) {
    }

    public final List<Section> sections = new ArrayList<>();
    public final Map<String, List<Symbol>> symbols = new LinkedHashMap<>();
    public final Map<String, List<Reloc>> relocations = new LinkedHashMap<>();

    private static final Pattern SECTION = Pattern.compile(
            "^\\s*\\[\\s*(\\d+)\\]\\s(.*?)\\s+(\\S+)\\s+([0-9a-f]{8,16})\\s+([0-9a-f]{6,16})\\s+([0-9a-f]{6,16})\\s+"
                    + "([0-9a-f]{2,16})\\s+([A-Za-z]*)\\s+(\\d+)\\s+(\\d+)\\s+(\\d+)\\s*$");
    private static final Pattern SYMTAB_HEAD = Pattern.compile("^Symbol table '([^']*)' contains \\d+ entr(y|ies):");
    private static final Pattern SYMBOL = Pattern.compile(
            "^\\s*(\\d+):\\s+([0-9a-f]+)\\s+(\\d+|0x[0-9a-f]+)\\s+(\\S+)\\s+(\\S+)\\s+(\\S+)(?:\\s+\\[[^\\]]*\\])?"
                    + "\\s+(\\S+)\\s?(.*)$");
    private static final Pattern RELSEC_HEAD = Pattern.compile("^Relocation section '([^']*)' at offset");
    private static final Pattern RELOC = Pattern.compile(
            "^([0-9a-f]+)\\s+([0-9a-f]+)\\s+(\\S+)\\s*(?:([0-9a-f]+)\\s+(.*?)\\s+([+-])\\s+([0-9a-f]+)|([0-9a-f]+))?\\s*$");

    /** An address line of a RELR section ({@code readelf -r} lists the expanded offsets). */
    private static final Pattern RELR_OFFSET = Pattern.compile("^([0-9a-f]{8,16})\\s*$");

    public static ReadelfOutput parse(String text) {
        ReadelfOutput out = new ReadelfOutput();
        String table = null;
        String relsec = null;
        for (String line : text.split("\n")) {
            Matcher m;
            if ((m = SYMTAB_HEAD.matcher(line)).find()) {
                table = m.group(1);
                relsec = null;
                out.symbols.put(table, new ArrayList<>());
                continue;
            }
            if ((m = RELSEC_HEAD.matcher(line)).find()) {
                relsec = m.group(1);
                table = null;
                out.relocations.put(relsec, new ArrayList<>());
                continue;
            }
            if (line.isBlank()) {
                table = null;
                relsec = null;
                continue;
            }
            if (table == null && relsec == null && (m = SECTION.matcher(line)).matches()) {
                out.sections.add(new Section(Integer.parseInt(m.group(1)), m.group(2).strip(), m.group(3),
                        Long.parseUnsignedLong(m.group(4), 16), Long.parseUnsignedLong(m.group(5), 16),
                        Long.parseUnsignedLong(m.group(6), 16), Long.parseUnsignedLong(m.group(7), 16), m.group(8),
                        Long.parseLong(m.group(9)), Long.parseLong(m.group(10)), Long.parseLong(m.group(11))));
                continue;
            }
            if (table != null && (m = SYMBOL.matcher(line)).matches()) {
                String size = m.group(3);
                String full = m.group(8);
                String name = full;
                String version = null;
                int at = full.indexOf('@');
                // in .dynsym readelf appends the version from .gnu.version; in .symtab '@' is part of the name
                if (at > 0 && table.equals(".dynsym")) {
                    name = full.substring(0, at);
                    version = full.substring(at).replaceFirst("^@+", "").replaceFirst(" \\(\\d+\\)$", "");
                }
                out.symbols.get(table).add(new Symbol(table, Integer.parseInt(m.group(1)),
                        Long.parseUnsignedLong(m.group(2), 16),
                        size.startsWith("0x") ? Long.parseUnsignedLong(size.substring(2), 16) : Long.parseLong(size),
                        m.group(4), m.group(5), m.group(6), m.group(7), name, version));
                continue;
            }
            if (relsec != null && (m = RELR_OFFSET.matcher(line)).matches()) {
                out.relocations.get(relsec).add(new Reloc(relsec, Long.parseUnsignedLong(m.group(1), 16), 0, null,
                        null, null));
                continue;
            }
            if (relsec != null && (m = RELOC.matcher(line)).matches()) {
                String sym = null;
                Long addend = null;
                if (m.group(5) != null) {
                    sym = m.group(5);
                    long a = Long.parseUnsignedLong(m.group(7), 16);
                    addend = "-".equals(m.group(6)) ? -a : a;
                } else if (m.group(8) != null) {
                    addend = Long.parseUnsignedLong(m.group(8), 16);
                }
                out.relocations.get(relsec).add(new Reloc(relsec, Long.parseUnsignedLong(m.group(1), 16),
                        Long.parseUnsignedLong(m.group(2), 16), m.group(3), sym, addend));
            }
        }
        return out;
    }

    /** Runs {@code readelf -W -S -s -r FILE}; null when readelf is not installed. */
    public static ReadelfOutput run(Path file) throws IOException, InterruptedException {
        if (!available()) {
            return null;
        }
        Process p = new ProcessBuilder("readelf", "-W", "-S", "-s", "-r", file.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String text = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("readelf timed out on " + file);
        }
        return parse(text);
    }

    private static Boolean available;

    public static synchronized boolean available() {
        if (available == null) {
            try {
                Process p = new ProcessBuilder("readelf", "--version").redirectErrorStream(true).start();
                p.getInputStream().readAllBytes();
                available = p.waitFor(20, TimeUnit.SECONDS) && p.exitValue() == 0;
            } catch (IOException | InterruptedException e) {
                available = false;
            }
        }
        return available;
    }
}
