package org.kpaudit.analyzer.livepatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.livepatch.Fixtures.module;
import static org.kpaudit.analyzer.livepatch.Fixtures.run;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.Finding;

class NotMarkedLivepatchCheckTest {

    private final NotMarkedLivepatchCheck check = new NotMarkedLivepatchCheck();

    @Test
    void markedModulesPass() {
        assertThat(run(check, Fixtures.patchA())).isEmpty();
        assertThat(run(check, Fixtures.patchA61())).isEmpty();
    }

    @Test
    void unmarkedModuleWithAKlpPatch() {
        assertThat(run(check, module("u.ko", Fixtures.simple("plain", false, "f").livepatchKey(false))))
                .singleElement().extracting(Finding::message).asString()
                .contains("module plain is not marked as a livepatch module");
    }
}
