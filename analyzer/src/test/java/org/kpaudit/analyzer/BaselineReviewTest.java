package org.kpaudit.analyzer;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Fingerprints ignore what moves between runs; review marks new, unchanged, absent and suppressed. */
class BaselineReviewTest {

    private static Finding f(String check, String file, long offset, String function, String message) {
        return new Finding(check, Severity.ERROR, message, Location.ofFile(file).withBytes(offset, 4)
                .withPatch("P1").withFunction(function));
    }

    @Test
    void theFingerprintIgnoresOffsetsFoldersAndMessages() {
        Finding a = f("KP302", "/ci/run1/patches/x.kpatch", 0x4b5, "lookup_slot", "at 0x1169");
        Finding b = f("KP302", "/ci/run2/other/x.kpatch", 0x4c5, "lookup_slot", "at 0x1179");
        assertThat(a.fingerprint()).isEqualTo(b.fingerprint()).isEqualTo("KP302|x.kpatch|P1|||lookup_slot|");
        assertThat(f("KP302", "x.kpatch", 0, "other_fn", "").fingerprint()).isNotEqualTo(a.fingerprint());
    }

    @Test
    void reviewMarksEachFindingAndEachEntry() {
        Finding kept = f("KP302", "x.kpatch", 1, "a", "m1");
        Finding twice = f("KP201", "x.kpatch", 2, null, "m2");
        Baseline base = Baseline.of(List.of(kept, twice, f("KP402", "y.kpatch", 3, "main", "m3")));
        // now: kept, twice twice (one more than accepted), KP402 gone
        List<String> warnings = new ArrayList<>();
        Suppression sup = new Suppression(Glob.compile("KP201"), null, null, "accepted", LocalDate.of(2030, 1, 1));
        List<Finding> r = Baseline.review(List.of(kept, twice, f("KP201", "x.kpatch", 9, null, "m2")), base,
                List.of(sup), LocalDate.of(2026, 12, 8), warnings);
        assertThat(r).extracting(Finding::checkId, Finding::baseline, Finding::suppressed).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("KP302", "unchanged", null),
                org.assertj.core.groups.Tuple.tuple("KP201", "unchanged", "accepted"),
                org.assertj.core.groups.Tuple.tuple("KP201", "new", "accepted"),
                org.assertj.core.groups.Tuple.tuple("KP402", "absent", null));
        assertThat(r).filteredOn(Finding::counts).isEmpty();
        assertThat(warnings).isEmpty();
        // after its date the suppression is not applied, and a warning says so
        List<Finding> later = Baseline.review(List.of(twice), null, List.of(sup), LocalDate.of(2030, 1, 2), warnings);
        assertThat(later).singleElement().satisfies(x -> assertThat(x.counts()).isTrue());
        assertThat(warnings).singleElement().asString().contains("expired on 2030-01-01");
    }
}
