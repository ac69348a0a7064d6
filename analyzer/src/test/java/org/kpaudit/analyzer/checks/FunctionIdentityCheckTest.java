package org.kpaudit.analyzer.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.kpaudit.analyzer.checks.Fixtures.A;
import static org.kpaudit.analyzer.checks.Fixtures.A_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.O2;
import static org.kpaudit.analyzer.checks.Fixtures.O2_TARGET;
import static org.kpaudit.analyzer.checks.Fixtures.bytes;
import static org.kpaudit.analyzer.checks.Fixtures.patched;
import static org.kpaudit.analyzer.checks.Fixtures.relabelled;
import static org.kpaudit.analyzer.checks.Fixtures.run;
import static org.kpaudit.analyzer.checks.Fixtures.sample;
import static org.kpaudit.analyzer.checks.Fixtures.subject;

import org.junit.jupiter.api.Test;
import org.kpaudit.analyzer.PatchSubject;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.testing.Samples;

/** {@link FunctionIdentityCheck}: KP302 function-identity. */
class FunctionIdentityCheckTest {

    static final String J = "libcare/j_static_function/patch/53569f230c3df056e28c198f746293518560ae9f.kpatch";
    static final String J_TARGET = "libcare/j_static_function/original/tempconv";

    @Test
    void changedFunctionsExistWithTheirSizes() {
        // a: lookup_slot at 0x1169, 38 bytes; h_O2: mix.constprop.0 via .text + 0x210 = 0x1290, 10 bytes;
        // j: static to_fahrenheit via .text + 0xe9 = 0x1169, 43 bytes (cases' READMEs)
        assertThat(run(new FunctionIdentityCheck(), sample(A, A_TARGET))).isEmpty();
        assertThat(run(new FunctionIdentityCheck(), sample(O2, O2_TARGET))).isEmpty();
        assertThat(run(new FunctionIdentityCheck(), sample(J, J_TARGET))).isEmpty();
    }

    @Test
    void relabelledPatchJumpsIntoTheMiddleOfAnotherFunction() {
        assertThat(run(new FunctionIdentityCheck(), relabelled())).singleElement().satisfies(x -> {
            assertThat(x.location().function()).isEqualTo("lookup_slot");
            assertThat(x.message()).contains("No function starts at 0x1169");
        });
    }

    @Test
    void lengthDifferentFromTheTargetSymbolIsReported() {
        // the one info record of a_bounds_check is at ELF offset 0x2bd; dlen at +16 (kpatch-format.md 2)
        byte[] b = patched(bytes(A), 504 + 0x2bd + 16, (byte) 40);
        PatchSubject p = subject("a.kpatch", b, Samples.path(A_TARGET), Policy.defaults());
        assertThat(run(new FunctionIdentityCheck(), p)).singleElement()
                .satisfies(x -> assertThat(x.message()).contains("40 bytes long").contains("it is 38 bytes"));
    }
}
