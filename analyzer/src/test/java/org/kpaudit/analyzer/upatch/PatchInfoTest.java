package org.kpaudit.analyzer.upatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.kpaudit.model.MalformedFileException;

/** patch_info as syscare-build packs it (upatch-format.md section 4), read back and checked. */
class PatchInfoTest {

    /** A PatchInfo payload with one entity, as serde_cbor writes a struct: a map with the field names. */
    static byte[] payload() throws Exception {
        Map<String, Object> entity = new LinkedHashMap<>();
        entity.put("uuid", "0d2c2f7e-1c7b-4f0a-9d7c-7a1b2c3d4e5f");
        entity.put("patch_name", "portcheck");
        entity.put("patch_target", "/usr/bin/portcheck");
        entity.put("checksum", "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08");
        Map<String, Object> target = new LinkedHashMap<>();
        target.put("name", "portcheck");
        target.put("version", "1.0");
        Map<String, Object> info = new LinkedHashMap<>();
        info.put("uuid", "6a3e9c1d-0000-4000-8000-000000000001");
        info.put("name", "CVE-2026-0001");
        info.put("version", "1");
        info.put("release", 2);
        info.put("arch", "x86_64");
        info.put("kind", "UserPatch");
        info.put("target", target);
        info.put("entities", List.of(entity));
        info.put("description", "bounds check");
        info.put("patches", List.of());
        return new ObjectMapper(new CBORFactory()).writeValueAsBytes(info);
    }

    static byte[] packed(String magic, byte[] payload, String checksum) throws Exception {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("magic", magic);
        m.put("payload", payload);
        m.put("checksum", checksum);
        return new ObjectMapper(new CBORFactory()).writeValueAsBytes(m);
    }

    @Test
    void aPackedPatchInfoIsReadAndItsChecksumHolds() throws Exception {
        byte[] pl = payload();
        PatchInfo p = PatchInfo.read("patch_info", packed(PatchInfo.MAGIC, pl, PatchInfo.sha256(pl)));
        assertThat(p.magicOk()).isTrue();
        assertThat(p.checksumOk()).isTrue();
        assertThat(p.problems()).isEmpty();
        assertThat(p.name()).isEqualTo("CVE-2026-0001");
        assertThat(p.release()).isEqualTo(2);
        assertThat(p.kind()).isEqualTo("UserPatch");
        assertThat(p.target()).isEqualTo("portcheck");
        assertThat(p.entities()).singleElement().satisfies(e -> {
            assertThat(e.patchName()).isEqualTo("portcheck");
            assertThat(e.patchTarget()).isEqualTo("/usr/bin/portcheck");
        });
        // Rust's {:#x} may prefix 0x: accepted too
        assertThat(PatchInfo.read("patch_info", packed(PatchInfo.MAGIC, pl, "0x" + PatchInfo.sha256(pl))).checksumOk())
                .isTrue();
    }

    @Test
    void aChangedPayloadOrAnotherMagicIsSaid() throws Exception {
        byte[] pl = payload();
        String sum = PatchInfo.sha256(pl);
        // one letter of the description changed after the checksum was taken: still CBOR, another payload
        byte[] changed = pl.clone();
        int at = new String(changed, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("bounds check");
        assertThat(at).isPositive();
        changed[at] = 'B';
        PatchInfo p = PatchInfo.read("patch_info", packed("481898650EF59B7D5", changed, sum));
        assertThat(p.magicOk()).isFalse();
        assertThat(p.checksumOk()).isFalse();
        assertThat(p.problems()).anySatisfy(x -> assertThat(x).contains("not " + PatchInfo.MAGIC))
                .anySatisfy(x -> assertThat(x).contains("the payload's SHA-256 is"));
        assertThatThrownBy(() -> PatchInfo.read("junk", new byte[] {(byte) 0xa1, 0x61}))
                .isInstanceOf(MalformedFileException.class).hasMessageContaining("junk");
    }
}
