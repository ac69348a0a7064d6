package org.kpaudit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.kpaudit.testing.Samples;

/** kpaudit check --format sarif against the bundled OASIS SARIF 2.1.0 schema. */
class SarifOutputTest {

    static JsonSchema schema() throws Exception {
        try (InputStream in = SarifOutputTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
            return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V4).getSchema(in);
        }
    }

    @Test
    void sarifWithFindingsAndToolErrorsValidates(@TempDir Path dir) throws Exception {
        Path junk = dir.resolve("bad file.kpatch");
        Files.writeString(junk, "KPATCH1\0garbage");
        CliRunner r = CliRunner.run("check", "-f", "sarif", "--target",
                Samples.path("libcare/e_tls/original/tlsdemo").toString(),
                Samples.path("libcare/e_tls").toString(), Samples.path("libcare/g_func_filter").toString(),
                junk.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        JsonNode sarif = new ObjectMapper().readTree(r.out());
        Set<ValidationMessage> errors = schema().validate(sarif);
        assertThat(errors).isEmpty();
        JsonNode run = sarif.at("/runs/0");
        // the catalogue of the checks check runs: the .kpatch checks (KP) and chain checks (KC)
        assertThat(run.at("/tool/driver/rules")).hasSize((int) org.kpaudit.analyzer.CheckRegistry.rules().stream()
                .filter(x -> x.subject().equals("patch") || x.subject().equals("chain")).count());
        assertThat(run.at("/tool/driver/rules/0/help/text").asText()).isNotBlank();
        assertThat(run.get("results")).anySatisfy(res -> {
            assertThat(res.get("ruleId").asText()).isEqualTo("KP206");
            assertThat(res.get("level").asText()).isEqualTo("error");
            assertThat(res.at("/locations/0/physicalLocation/region/byteOffset").asLong()).isPositive();
            assertThat(res.at("/locations/0/physicalLocation/region/byteLength").asLong()).isEqualTo(24);
            assertThat(res.at("/locations/0/logicalLocations")).anySatisfy(l ->
                    assertThat(l.get("kind").asText()).isEqualTo("section"));
        });
        assertThat(run.get("results")).anySatisfy(res -> assertThat(res.at("/locations/0/logicalLocations"))
                .anySatisfy(l -> {
                    assertThat(l.get("kind").asText()).isEqualTo("function");
                    assertThat(l.get("name").asText()).isEqualTo("main");
                }));
        assertThat(run.at("/invocations/0/executionSuccessful").asBoolean()).isFalse();
        assertThat(run.at("/invocations/0/toolExecutionNotifications/0/locations/0/physicalLocation/artifactLocation/uri")
                .asText()).endsWith("bad%20file.kpatch");
    }

    @Test
    void schemaRejectsABrokenLog() throws Exception {
        JsonNode broken = new ObjectMapper().readTree("{\"version\":\"2.1.0\",\"runs\":[{\"results\":[]}]}");
        assertThat(schema().validate(broken)).isNotEmpty();
    }

    @Test
    void chainAndScanSarifValidate(@TempDir Path dir) throws Exception {
        // patch-b is cumulative: it replaces patch_a (klp README); no error, but notes and warnings may come
        CliRunner chain = CliRunner.run("chain", "-f", "sarif", Samples.path("klp/patch-a/patch-a.ko").toString(),
                Samples.path("klp/patch-b/patch-b.ko").toString());
        assertThat(chain.exitCode()).isIn(0, 1);
        JsonNode c = new ObjectMapper().readTree(chain.out());
        assertThat(schema().validate(c)).isEmpty();
        assertThat(c.at("/runs/0/tool/driver/rules").size()).isGreaterThan(10);
        assertThat(c.at("/runs/0/tool/driver/rules/0/id").asText()).startsWith("KL");
        // a core with A0001 applied and nothing unexplained (a_bounds_check README): no defect, but without its
        // files the three mapped objects (maps-2-patched.txt) and the patch are open results, not failures
        CliRunner scan = CliRunner.run("scan", "-f", "sarif",
                Samples.path("libcare/a_bounds_check/runtime/core-2-patched").toString());
        assertThat(scan.exitCode()).isZero();
        JsonNode s = new ObjectMapper().readTree(scan.out());
        assertThat(schema().validate(s)).isEmpty();
        assertThat(s.at("/runs/0/results")).extracting(x -> x.get("ruleId").asText())
                .containsExactly("SC201", "SC201", "SC201", "SC202");
        assertThat(s.at("/runs/0/results")).allSatisfy(x -> {
            assertThat(x.get("kind").asText()).isEqualTo("open");
            assertThat(x.get("level").asText()).isEqualTo("none");
        });
        assertThat(s.at("/runs/0/properties/verdict").asText()).isEqualTo("INCOMPLETE");
        assertThat(s.at("/runs/0/tool/driver/rules").size()).isEqualTo(10);
    }
}
