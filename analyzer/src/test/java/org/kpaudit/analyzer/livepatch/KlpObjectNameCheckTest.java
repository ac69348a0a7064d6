package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.Severity;
import org.kpaudit.testing.KlpModuleBuilder;
import org.kpaudit.testing.KlpModuleBuilder.KlpRel;

class KlpObjectNameCheckTest {

    private final KlpObjectNameCheck check = new KlpObjectNameCheck();
    private static final String LONG = "m".repeat(56);
    private static final String MAX = "m".repeat(55);

    @Test
    void realAndLimitNamesPass() {
        assertThat(run(check, Fixtures.patchB())).isEmpty();
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object(MAX).func("f", 0);
        b.klpRela(".klp.rela." + MAX + ".text").rel(KlpRel.livepatch(".klp.sym." + MAX + ".g,0"));
        assertThat(run(check, module("ok.ko", b))).isEmpty();
    }

    @Test
    void longObjectNameInKlpObject() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object(LONG).func("f", 0);
        assertThat(run(check, module("l.ko", b))).singleElement().satisfies(x -> {
            assertThat(x.severity()).isEqualTo(Severity.ERROR);
            assertThat(x.message()).contains("56 characters").contains("klp_init_object()");
        });
    }

    @Test
    void dottedObjectNameIsAWarning() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object("foo.bar").func("f", 0);
        assertThat(run(check, module("d.ko", b))).singleElement().extracting(Finding::severity)
                .isEqualTo(Severity.WARNING);
    }

    @Test
    void longObjectNameInRelaAndSym() {
        KlpModuleBuilder b = new KlpModuleBuilder("lp");
        b.object(null).func("f", 0);
        b.klpRela(".klp.rela." + LONG + ".text").rel(KlpRel.livepatch(".klp.sym." + LONG + ".g,0"));
        assertThat(run(check, module("r.ko", b))).extracting(Finding::message).satisfiesExactly(
                m -> assertThat(m).contains("looks for a module called \"" + MAX + "\""),
                m -> assertThat(m).contains("has an incorrectly formatted name"));
    }
}
