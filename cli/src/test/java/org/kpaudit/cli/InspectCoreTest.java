package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.CoreWriter;
import org.kpaudit.testing.Samples;

class InspectCoreTest {

    @Test
    void kernelCoreShowsItsFacts() throws Exception {
        String core = Samples.path("libcare/a_bounds_check/runtime-kernel-core/core-kernel-sigabrt-patched").toString();
        CliRunner r = CliRunner.run("inspect", "-f", "json", core);
        assertThat(r.err()).isEmpty();
        assertThat(r.exitCode()).isZero();
        JsonNode c = new ObjectMapper().readTree(r.out()).at("/files/0");
        assertThat(c.get("kind").asText()).isEqualTo("elf-core");
        // README of the case: SIGABRT; readelf -l: 26 program headers; maps-patched.txt: 15 file-backed lines
        assertThat(c.at("/signal/signal").asText()).isEqualTo("SIGABRT");
        assertThat(c.at("/threads/0/signal").asText()).isEqualTo("SIGABRT");
        assertThat(c.at("/header/phnum").asInt()).isEqualTo(26);
        assertThat(c.get("segments")).hasSize(26);
        assertThat(c.at("/nt_file/page_size").asInt()).isEqualTo(4096);
        assertThat(c.at("/nt_file/entries")).hasSize(15);
        assertThat(c.at("/nt_file/entries/0/path").asText())
                .isEqualTo("/srv/kpcorpus/a_bounds_check/build/lpmake/bounds_demo");
        assertThat(c.at("/process/name").asText()).isEqualTo("bounds_demo");
        // the libc r--p mapping of maps-patched.txt (7f103bb3c000-7f103bb62000): only its first page is in the core
        JsonNode libc = null;
        for (JsonNode m : c.get("mappings")) {
            if (m.get("start").asText().equals("0x7f103bb3c000")) {
                libc = m;
            }
        }
        assertThat(libc).isNotNull();
        assertThat(libc.get("end").asText()).isEqualTo("0x7f103bb62000");
        assertThat(libc.get("in_core").asText()).isEqualTo("0x1000");
        assertThat(libc.get("path").asText()).isEqualTo("/usr/lib/x86_64-linux-gnu/libc.so.6");
        assertThat(c.get("auxv").findValuesAsText("type")).contains("AT_PAGESZ", "AT_ENTRY", "AT_NULL");
    }

    @Test
    void textOfAGcoreCore() {
        CliRunner r = CliRunner.run("inspect", "-f", "text",
                Samples.path("libcare/b_shared_lib/runtime/core-2-patched").toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("kind: elf-core").contains("/srv/kpcorpus/b_shared_lib/build/lpmake/libshape.so")
                .contains("nt_file:").contains("FILE").contains("LOAD");
    }

    @Test
    void aLyingCoreIsAWarningInTheOutput(@TempDir Path dir) throws Exception {
        Path core = dir.resolve("core");
        Files.write(core, CoreWriter.x86_64().file(0x400000, 0x401000, 0, "/bin/x").fileCountOverride(99)
                .load(0x400000, "r-x", new byte[16]).build());
        CliRunner r = CliRunner.run("inspect", core.toString());
        assertThat(r.exitCode()).isZero();
        assertThat(r.out()).contains("NT_FILE claims 99 mapped files but its");
    }
}
