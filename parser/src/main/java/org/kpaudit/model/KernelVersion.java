package org.kpaudit.model;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The kernel release a module was built for, from the first word of its {@code vermagic}
 * ({@code 6.12.117+deb12-amd64 SMP preempt mod_unload modversions}).
 */
public record KernelVersion(int major, int minor, int patch, String release) {

    private static final Pattern RELEASE = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Parses the first word of a vermagic string; {@code null} when it does not start with a version. */
    public static KernelVersion fromVermagic(String vermagic) {
        if (vermagic == null) {
            return null;
        }
        String release = vermagic.strip().split("\\s+", 2)[0];
        Matcher m = RELEASE.matcher(release);
        if (!m.find()) {
            return null;
        }
        try {
            return new KernelVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                    m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), release);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    @Override
    public String toString() {
        return release;
    }
}
