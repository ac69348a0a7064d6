package org.kpaudit.model;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The callbacks of one {@code klp_object}; each is {@code null} when absent (NULL pointer).
 */
public record KlpCallbacks(PointerTarget prePatch, PointerTarget postPatch, PointerTarget preUnpatch,
        PointerTarget postUnpatch) {

    public static final KlpCallbacks NONE = new KlpCallbacks(null, null, null, null);

    /** The callbacks present, by kernel field name ({@code pre_patch} ...), in struct order. */
    public Map<String, PointerTarget> present() {
        Map<String, PointerTarget> m = new LinkedHashMap<>();
        if (prePatch != null) {
            m.put("pre_patch", prePatch);
        }
        if (postPatch != null) {
            m.put("post_patch", postPatch);
        }
        if (preUnpatch != null) {
            m.put("pre_unpatch", preUnpatch);
        }
        if (postUnpatch != null) {
            m.put("post_unpatch", postUnpatch);
        }
        return m;
    }

    public boolean any() {
        return prePatch != null || postPatch != null || preUnpatch != null || postUnpatch != null;
    }

    /** A copy with one callback set, by kernel field name. */
    public KlpCallbacks with(String field, PointerTarget t) {
        return switch (field) {
            case "pre_patch" -> new KlpCallbacks(t, postPatch, preUnpatch, postUnpatch);
            case "post_patch" -> new KlpCallbacks(prePatch, t, preUnpatch, postUnpatch);
            case "pre_unpatch" -> new KlpCallbacks(prePatch, postPatch, t, postUnpatch);
            case "post_unpatch" -> new KlpCallbacks(prePatch, postPatch, preUnpatch, t);
            default -> throw new IllegalArgumentException(field);
        };
    }
}
