package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The .ksy specs ship in the formats jar, for Kaitai compilers of other languages. */
class PublishedSpecsTest {

    @ParameterizedTest
    @ValueSource(strings = {"elf", "kpatch", "linux_livepatch", "linux_core_notes"})
    void eachSpecIsAResourceWithItsOwnId(String id) throws Exception {
        try (InputStream in = PublishedSpecsTest.class.getResourceAsStream("/org/kpaudit/formats/ksy/" + id + ".ksy")) {
            assertThat(in).as(id + ".ksy").isNotNull();
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(text).startsWith("meta:").contains("\n  id: " + id + "\n");
        }
    }
}
