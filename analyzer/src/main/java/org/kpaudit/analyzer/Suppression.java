package org.kpaudit.analyzer;

import java.time.LocalDate;

/**
 * One entry of the policy's {@code suppressions}: findings of a check (a glob over check ids) on
 * matching patches and functions are accepted, with a reason, until an optional date. Suppressed
 * findings are still reported, marked with the reason (SARIF {@code suppressions}); they no longer
 * count for {@code --fail-on}. After {@code expires} the entry is not applied and a warning says so.
 *
 * @param check glob over check ids ({@code KP402}, {@code KP4*})
 * @param patch glob over the patch (its id, label or file name); null for any
 * @param function glob over the function (mangled or demangled); null for any
 * @param reason why the finding is accepted (required)
 * @param expires the last day it applies, or null
 */
public record Suppression(Glob check, Glob patch, Glob function, String reason, LocalDate expires) {

    /** True when the entry applies on {@code today}. */
    public boolean active(LocalDate today) {
        return expires == null || !today.isAfter(expires);
    }

    /** True when the finding is one this entry names. */
    public boolean matches(Finding f) {
        if (!check.matches(f.checkId())) {
            return false;
        }
        Location l = f.location();
        if (patch != null) {
            String file = l.file() == null ? "" : l.file().substring(l.file().lastIndexOf('/') + 1);
            if (!(l.patch() != null && patch.matches(l.patch()) || patch.matches(file))) {
                return false;
            }
        }
        return function == null || l.function() != null && function.matches(l.function());
    }

    /** The entry as the policy file writes it, for reports. */
    public String describe() {
        return "check " + check + (patch == null ? "" : ", patch " + patch)
                + (function == null ? "" : ", function " + function) + (expires == null ? "" : ", until " + expires)
                + ": " + reason;
    }
}
