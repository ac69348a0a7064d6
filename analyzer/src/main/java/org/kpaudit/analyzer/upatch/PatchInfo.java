package org.kpaudit.analyzer.upatch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import java.io.IOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.kpaudit.model.MalformedFileException;
import org.kpaudit.model.Problem;

/**
 * SysCare's {@code patch_info} (upatch-format.md section 4): a CBOR map {@code PackedData {magic,
 * payload, checksum}} whose magic must be {@value #MAGIC} and whose checksum is the SHA-256 of the
 * payload in lowercase hex; the payload is the CBOR of {@code PatchInfo} (uuid, name, version,
 * release, arch, kind, target, entities, description, patches).
 *
 * @param magicOk whether the magic is SysCare's
 * @param checksumOk whether the payload's SHA-256 is the recorded checksum
 * @param entities the patched objects: uuid, patch file name, target path, checksum
 * @param problems what did not add up (as facts for reports)
 */
public record PatchInfo(String uuid, String name, String version, long release, String arch, String kind,
        String target, String description, List<Entity> entities, boolean magicOk, boolean checksumOk,
        List<String> problems) {

    /** {@code PATCH_INFO_MAGIC} of syscare-abi. */
    public static final String MAGIC = "112574B6EDEE4BA4A05F";
    /** A patch_info larger than this is not one (the real ones are a few KiB). */
    static final int MAX_SIZE = 16 << 20;

    /** One {@code PatchEntity}. */
    public record Entity(String uuid, String patchName, String patchTarget, String checksum) {
    }

    public PatchInfo {
        entities = List.copyOf(entities);
        problems = List.copyOf(problems);
    }

    /** Reads {@code bytes} (the file {@code name}); what is not a patch_info is a MalformedFileException. */
    public static PatchInfo read(String name, byte[] bytes) {
        if (bytes.length > MAX_SIZE) {
            throw new MalformedFileException(new Problem(name, -1, "larger than " + MAX_SIZE + " bytes: not a patch_info"));
        }
        ObjectMapper cbor = new ObjectMapper(new CBORFactory());
        JsonNode packed;
        try {
            packed = cbor.readTree(bytes);
        } catch (IOException e) {
            throw new MalformedFileException(new Problem(name, 0, "not CBOR: " + firstLine(e)));
        }
        if (packed == null || !packed.isObject() || !packed.has("payload")) {
            throw new MalformedFileException(new Problem(name, 0, "not a SysCare PackedData map (magic, payload,"
                    + " checksum)"));
        }
        List<String> problems = new ArrayList<>();
        boolean magicOk = MAGIC.equals(packed.path("magic").asText());
        if (!magicOk) {
            problems.add("magic is '" + packed.path("magic").asText() + "', not " + MAGIC);
        }
        byte[] payload;
        try {
            payload = packed.get("payload").binaryValue();
        } catch (IOException e) {
            throw new MalformedFileException(new Problem(name, 0, "payload is not a byte string"));
        }
        if (payload == null) {
            throw new MalformedFileException(new Problem(name, 0, "payload is not a byte string"));
        }
        String recorded = packed.path("checksum").asText("");
        String actual = sha256(payload);
        boolean checksumOk = actual.equals(recorded.startsWith("0x") ? recorded.substring(2) : recorded);
        if (!checksumOk) {
            problems.add("checksum is '" + recorded + "', but the payload's SHA-256 is " + actual);
        }
        JsonNode p;
        try {
            p = cbor.readTree(payload);
        } catch (IOException e) {
            throw new MalformedFileException(new Problem(name, 0, "payload is not CBOR: " + firstLine(e)));
        }
        List<Entity> entities = new ArrayList<>();
        for (JsonNode e : p.path("entities")) {
            entities.add(new Entity(e.path("uuid").asText(null), e.path("patch_name").asText(null),
                    e.path("patch_target").asText(null), e.path("checksum").asText(null)));
        }
        JsonNode t = p.path("target");
        String target = t.isObject() ? t.path("name").asText(null) : t.asText(null);
        return new PatchInfo(p.path("uuid").asText(null), p.path("name").asText(null), p.path("version").asText(null),
                p.path("release").asLong(), p.path("arch").asText(null), p.path("kind").asText(null), target,
                p.path("description").asText(null), entities, magicOk, checksumOk, problems);
    }

    /** True when {@code bytes} look like a patch_info (a CBOR map: major type 5). */
    public static boolean looksLike(byte[] head) {
        return head.length > 0 && (head[0] & 0xe0) == 0xa0;
    }

    static String sha256(byte[] b) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String firstLine(IOException e) {
        String m = e.getMessage();
        return m == null ? e.getClass().getSimpleName() : m.lines().findFirst().orElse("");
    }
}
