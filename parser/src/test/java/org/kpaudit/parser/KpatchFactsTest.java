package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.kpaudit.model.InfoRecord;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.model.KpatchImport;
import org.kpaudit.model.RelocationSummary;
import org.kpaudit.model.Section;
import org.kpaudit.model.Symbol;
import org.kpaudit.model.SymbolRef;
import org.kpaudit.model.SymbolTableKind;
import org.kpaudit.testing.Samples;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every real {@code .kpatch} sample against the facts its corpus computed with an independent
 * reader ({@code tool-output/facts-*.json}): header fields, info records, relocation counts by
 * type, imports with versions, TLS symbols and the {@code .kpatch.strtab} names.
 */
class KpatchFactsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** A facts file and the patch it describes (found in ../patch/ by build-id prefix). */
    record Case(Path facts, Path patch) {
        @Override
        public String toString() {
            return Samples.samples().relativize(facts).toString();
        }
    }

    static Stream<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        for (Path f : Samples.find(".json")) {
            String n = f.getFileName().toString();
            if (!n.startsWith("facts-")) {
                continue;
            }
            String bid8 = n.substring("facts-".length(), n.length() - ".json".length());
            Path patchDir = f.getParent().getParent().resolve("patch");
            try (Stream<Path> s = Files.list(patchDir)) {
                Path p = s.filter(x -> x.getFileName().toString().startsWith(bid8)).findFirst().orElseThrow();
                out.add(new Case(f, p));
            }
        }
        assertThat(out).hasSizeGreaterThanOrEqualTo(22);
        return out.stream();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void headerMatchesFacts(Case c) throws IOException {
        JsonNode h = JSON.readTree(c.facts().toFile()).get("header");
        KpatchFile k = KpatchParser.parse(c.patch());
        assertThat(k.header().magic()).isEqualTo(h.get("magic").asText());
        assertThat(k.header().id()).isEqualTo(h.get("id").asText());
        assertThat(k.header().buildId()).isEqualTo(h.get("buildid").asText());
        assertThat(k.header().buildTime()).isEqualTo(h.get("build_time").asLong());
        assertThat(k.header().csum()).isEqualTo(h.get("csum").asLong());
        assertThat(k.header().nrReloc()).isEqualTo(h.get("nr_reloc").asLong());
        assertThat(k.header().kpatchOffset()).isEqualTo(h.get("kpatch_offset").asLong());
        assertThat(k.header().relOffset()).isEqualTo(h.get("rel_offset").asLong());
        assertThat(k.header().totalSize()).isEqualTo(h.get("total_size").asLong());
        assertThat(k.header().jmpOffset()).isEqualTo(h.get("jmp_offset").asLong());
        assertThat(k.header().elfOffset()).isEqualTo(h.get("elf_offset").asLong());
        assertThat(k.header().kpatchTotalMemSize()).isEqualTo(h.get("kpatch_total_mem_sz").asLong());
        assertThat(k.header().userUndo()).isEqualTo(h.get("user_undo").asLong());
        assertThat(k.header().userInfo()).isEqualTo(h.get("user_info").asLong());
        assertThat(k.header().userLevel()).isEqualTo(h.get("user_level").asLong());
        assertThat(k.header().layout().name()).isEqualTo("V4");
        long fileSize = h.has("file_size") ? h.get("file_size").asLong() : Files.size(c.patch());
        assertThat(k.fileSize()).isEqualTo(fileSize);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void infoRecordsMatchFacts(Case c) throws IOException {
        JsonNode root = JSON.readTree(c.facts().toFile());
        JsonNode records = root.has("info_entries") ? root.get("info_entries") : root.get("kpatch_info").get("records");
        KpatchFile k = KpatchParser.parse(c.patch());
        assertThat(k.infos()).hasSize(records.size());
        for (JsonNode r : records) {
            InfoRecord rec = k.infos().get(r.get("index").asInt());
            String name = r.has("name_in_kpatch_strtab") ? r.get("name_in_kpatch_strtab").asText() : r.get("name").asText();
            assertThat(rec.name()).as("name of record %s", r.get("index")).isEqualTo(name);
            assertThat(rec.dlen()).isEqualTo(r.get("dlen").asLong());
            assertThat(rec.slen()).isEqualTo(r.get("slen").asLong());
            assertThat(rec.flags()).isEqualTo(r.get("flags").asLong());
            assertThat(rec.isNew()).isEqualTo(r.get("new_function").asBoolean());
            assertThat(relocText(rec.original())).isEqualTo(r.get("daddr_reloc").isNull() ? null
                    : normalise(r.get("daddr_reloc").asText()));
            assertThat(relocText(rec.replacement())).isEqualTo(normalise(r.get("saddr_reloc").asText()));
            if (r.has("orig_link_address")) {
                assertThat(rec.original().address()).isEqualTo(Long.decode(r.get("orig_link_address").asText()));
            }
            if (r.has("raw_daddr")) {
                assertThat(rec.rawDaddr()).isEqualTo(r.get("raw_daddr").asLong());
                assertThat(rec.rawSaddr()).isEqualTo(r.get("raw_saddr").asLong());
                assertThat(rec.rawSymstr()).isEqualTo(r.get("raw_symstr").asLong());
            }
            if (r.has("symstr_reloc")) {
                assertThat(".kpatch.strtab+" + rec.symstrOffset()).isEqualTo(r.get("symstr_reloc").asText());
            }
            if (!rec.isNew()) {
                assertThat(name).isEqualTo(rec.function() + ".kpatch");
            }
        }
        if (root.has("info_terminator_bytes")) {
            assertThat(k.infoTerminatorLength()).isEqualTo(root.get("info_terminator_bytes").asLong());
            assertThat(k.infoTerminatorZero()).isEqualTo(root.get("info_terminator_all_zero").asBoolean());
        } else {
            assertThat(k.infoTerminatorLength()).isEqualTo(24);
            assertThat(k.infoTerminatorZero()).isEqualTo(root.get("kpatch_info").get("terminator_zero").asBoolean());
        }
    }

    /** "sym+0x1c" / "sym+28" as {@code sym+<decimal>}. */
    private static String normalise(String reloc) {
        int plus = reloc.lastIndexOf('+');
        return reloc.substring(0, plus + 1) + Long.decode(reloc.substring(plus + 1));
    }

    private static String relocText(SymbolRef ref) {
        return ref == null ? null : ref.symbol() + "+" + ref.addend();
    }

    @ParameterizedTest
    @MethodSource("cases")
    void relocationCountsMatchFacts(Case c) throws IOException {
        JsonNode root = JSON.readTree(c.facts().toFile());
        JsonNode counts = root.has("relocation_counts") ? root.get("relocation_counts") : root.get("relocations");
        KpatchFile k = KpatchParser.parse(c.patch());
        Map<String, Map<String, Long>> expected = new TreeMap<>();
        counts.fields().forEachRemaining(e -> {
            Map<String, Long> byType = new TreeMap<>();
            JsonNode types = e.getValue().has("by_type") ? e.getValue().get("by_type") : e.getValue().get("types");
            types.fields().forEachRemaining(t -> byType.put(t.getKey(), t.getValue().asLong()));
            expected.put(e.getKey(), byType);
            assertThat(e.getValue().get("count").asLong()).isEqualTo(byType.values().stream().mapToLong(Long::longValue).sum());
        });
        Map<String, Map<String, Long>> actual = new TreeMap<>();
        for (RelocationSummary s : k.relocationSummaries()) {
            actual.put(s.section(), new TreeMap<>(s.byType()));
        }
        assertThat(actual).isEqualTo(expected);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void importsAndTlsSymbolsMatchFacts(Case c) throws IOException {
        JsonNode root = JSON.readTree(c.facts().toFile());
        JsonNode imports = root.has("undefined_symbols") ? root.get("undefined_symbols") : root.get("imports");
        KpatchFile k = KpatchParser.parse(c.patch());
        List<String> expected = new ArrayList<>();
        imports.forEach(n -> expected.add(n.asText()));
        List<String> actual = k.imports().stream().map(KpatchImport::rawName).toList();
        assertThat(actual).containsExactlyInAnyOrderElementsOf(expected);
        for (KpatchImport i : k.imports()) {
            if (i.rawName().contains("@")) {
                assertThat(i.name() + "@" + i.version()).isEqualTo(i.rawName());
                assertThat(i.version()).matches("[A-Z]+_[0-9.]+");
            } else {
                // e_tls/extern_tls_crash imports the TLS variable lib_depth with no version
                assertThat(i.version()).isNull();
                assertThat(i.name()).isEqualTo(i.rawName());
            }
        }
        if (root.has("tls_symbols")) {
            List<String> tls = new ArrayList<>();
            root.get("tls_symbols").forEach(n -> tls.add(n.asText()));
            assertThat(k.elf().symbols(SymbolTableKind.SYMTAB).stream().filter(s -> s.type().is("TLS"))
                    .map(Symbol::name)).containsExactlyInAnyOrderElementsOf(tls);
        }
        if (root.has("kpatch_strtab")) {
            List<String> names = new ArrayList<>();
            root.get("kpatch_strtab").forEach(n -> names.add(n.asText()));
            assertThat(k.strtabNames()).isEqualTo(names);
        }
    }

    @ParameterizedTest
    @MethodSource("cases")
    void embeddedElfMatchesFacts(Case c) throws IOException {
        JsonNode root = JSON.readTree(c.facts().toFile());
        JsonNode elf = root.get("elf");
        KpatchFile k = KpatchParser.parse(c.patch());
        assertThat(k.elf().header().type().value()).isEqualTo(elf.get("e_type").asLong());
        assertThat(k.elf().header().machine().value()).isEqualTo(elf.get("e_machine").asLong());
        assertThat(k.elf().header().sectionCount()).isEqualTo(elf.get("e_shnum").asLong());
        JsonNode withData = root.has("sections_with_data") ? root.get("sections_with_data") : elf.get("sections_with_data");
        List<Section> dataSections = k.elf().sections().stream().filter(Section::hasFileData).toList();
        assertThat(dataSections).hasSize(withData.size());
        for (JsonNode s : withData) {
            Section sec = k.elf().section(s.get("idx").asLong()).orElseThrow();
            assertThat(sec.name()).isEqualTo(s.get("name").asText());
            assertThat(sec.type().value()).isEqualTo(s.get("type").asLong());
            assertThat(sec.addr()).isEqualTo(number(s.get("addr")));
            assertThat(sec.offset()).isEqualTo(number(s.get("offset")));
            assertThat(sec.size()).isEqualTo(s.get("size").asLong());
            assertThat(sec.addralign()).isEqualTo(s.get("align").asLong());
        }
        JsonNode nobits = root.has("nobits_sections") ? root.get("nobits_sections") : elf.get("nobits_count");
        assertThat(k.elf().sections().stream().filter(s -> s.type().is("NOBITS")).count()).isEqualTo(nobits.asLong());
        if (elf.has("elf_end_from_shdrs")) {
            assertThat(k.elfEnd()).isEqualTo(elf.get("elf_end_from_shdrs").asLong());
            assertThat(k.paddingLength()).isEqualTo(root.get("padding_after_elf").asLong());
        } else {
            assertThat(k.elfEnd()).isEqualTo(elf.get("embedded_elf_size_without_padding").asLong());
        }
        assertThat(k.paddingZero()).isTrue();
    }

    private static long number(JsonNode n) {
        return n.isTextual() ? Long.decode(n.asText()) : n.asLong();
    }
}
