package org.kpaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.KpatchFile;
import org.kpaudit.parser.KpatchParser;
import org.kpaudit.testing.Samples;

class AnalyzerTest {

    @Rule(id = "KP999", name = "crashes", severity = Severity.ERROR, summary = "s", help = "h")
    static final class Crashing extends Check<PatchSubject> {
        @Override
        protected String subject() {
            return "patch";
        }

        @Override
        public void check(PatchSubject s, Findings out) {
            throw new IllegalStateException("boom");
        }
    }

    static PatchSubject f(int level) throws Exception {
        String rel = "libcare/f_incremental_stacked/level" + level
                + "/patch/fb080d8b220ac2221c8f235ed385636698becbb2.kpatch";
        KpatchFile k = KpatchParser.parse(rel, ByteBuffer.wrap(Files.readAllBytes(Samples.path(rel))));
        return new PatchSubject(rel, k, FileNameFacts.of(rel), null, PatchSubject.TargetStatus.NOT_GIVEN, null);
    }

    @Test
    void crashingCheckIsANotificationAndTheOthersStillRun() throws Exception {
        List<Check<?>> checks = new ArrayList<>(CheckRegistry.all());
        checks.add(new Crashing());
        AuditResult r = Analyzer.run(List.of(), List.of(f(1), f(2), f(3)), Map.of(), List.of(), checks,
                Policy.defaults());
        assertThat(r.notifications()).hasSize(3).allSatisfy(n -> {
            assertThat(n.ruleId()).isEqualTo("KP999");
            assertThat(n.message()).contains("boom");
        });
        assertThat(r.findings()).extracting(Finding::checkId).contains("KC502");
        assertThat(r.findings()).isSortedAccordingTo(Finding.ORDER);
    }

    @Test
    void resultDescribesTheChain() throws Exception {
        AuditResult r = Analyzer.run(List.of(), List.of(f(1), f(2), f(3)), Map.of(), List.of(), CheckRegistry.all(),
                Policy.defaults());
        assertThat(r.chains()).singleElement().satisfies(c -> {
            assertThat(c.members()).extracting(AuditResult.ChainMember::id).containsExactly("F1", "F2", "F3");
            assertThat(c.overlaps()).singleElement().satisfies(o -> {
                assertThat(o.function()).isEqualTo("check_port");
                assertThat(o.patches()).containsExactly("F1", "F3");
                assertThat(o.winner()).isEqualTo("F3");
            });
            assertThat(c.unpatchOrder()).containsExactly("F3", "F2", "F1");
        });
        assertThat(r.patches()).extracting(AuditResult.PatchInfo::chainPosition).containsExactly(1, 2, 3);
    }

    @Test
    void registryHasUniqueIdsAndEveryRuleIsComplete() {
        List<RuleInfo> rules = CheckRegistry.rules();
        assertThat(rules).extracting(RuleInfo::id).doesNotHaveDuplicates().isSorted();
        assertThat(rules).allSatisfy(r -> {
            assertThat(r.id()).matches("(KP|KC|KL|SC|UP)[1-5][0-9][0-9]");
            assertThat(r.name()).matches("[a-z0-9-]+");
            assertThat(r.help().length()).isGreaterThan(150);
            assertThat(r.subject()).isIn("patch", "chain", "livepatch-module", "livepatch-chain", "scan", "upatch");
        });
    }
}
