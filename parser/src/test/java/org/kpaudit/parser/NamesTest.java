package org.kpaudit.parser;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class NamesTest {

    @Test
    void validUtf8IsDecoded() {
        assertThat(Names.decode("größe_ü".getBytes(StandardCharsets.UTF_8))).isEqualTo("größe_ü");
        assertThat(Names.decode("plain".getBytes(StandardCharsets.US_ASCII))).isEqualTo("plain");
    }

    @Test
    void invalidBytesAreShownNotReplaced() {
        byte[] b = {'a', (byte) 0xff, 'b', (byte) 0xc3, (byte) 0xa9, (byte) 0xe2, 0x28};
        assertThat(Names.decode(b)).isEqualTo("a\\xffbé\\xe2(");
    }

    @Test
    void cStringStopsAtNul() {
        assertThat(Names.decodeCString(new byte[] {'i', 'd', 0, 'x'})).isEqualTo("id");
        assertThat(Names.decodeCString(new byte[] {'i', 'd'})).isEqualTo("id");
    }
}
