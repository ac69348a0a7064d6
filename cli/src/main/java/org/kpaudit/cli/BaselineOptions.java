package org.kpaudit.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.kpaudit.analyzer.Baseline;
import org.kpaudit.analyzer.Finding;
import org.kpaudit.analyzer.PolicyException;
import org.kpaudit.analyzer.Suppression;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.TreeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --baseline} and {@code --write-baseline}, the same in check, scan and audit. */
public final class BaselineOptions {

    @Option(names = "--baseline", paramLabel = "FILE",
            description = "Compare with the findings accepted in FILE (written by --write-baseline): each finding is"
                    + " new or unchanged, entries no longer found are reported absent, and only new findings count"
                    + " for --fail-on and the verdict.")
    Path baselineFile;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write this run's findings (but the suppressed ones) to FILE as the baseline to compare"
                    + " later runs with (replaced atomically).")
    Path writeBaseline;

    private Baseline loaded;

    /** The baseline given, read once (a usage error when it is not one). */
    Baseline load(CommandLine cl) {
        if (baselineFile == null || loaded != null) {
            return loaded;
        }
        try {
            loaded = Baseline.load(baselineFile);
            return loaded;
        } catch (PolicyException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage());
        }
    }

    /**
     * The findings compared with the baseline and with the suppressions applied (unchanged when there
     * are neither); expired suppressions are added to {@code warnings}.
     */
    List<Finding> review(CommandLine cl, List<Finding> findings, List<Suppression> suppressions, List<String> warnings) {
        Baseline b = load(cl);
        if (b == null && suppressions.isEmpty()) {
            return findings;
        }
        return Baseline.review(findings, b, suppressions, java.time.LocalDate.now(java.time.ZoneOffset.UTC), warnings);
    }

    /** Writes the baseline of {@code findings} when --write-baseline was given. */
    void writeIfAsked(CommandLine cl, List<Finding> findings) throws IOException {
        if (writeBaseline == null) {
            return;
        }
        List<Finding> kept = new ArrayList<>();
        for (Finding f : findings) {
            if (f.suppressed() == null) {
                kept.add(f);
            }
        }
        Baseline b = Baseline.of(kept);
        Path target = writeBaseline.toAbsolutePath().normalize();
        if (target.getParent() == null || !Files.isDirectory(target.getParent()) || Files.isDirectory(target)) {
            throw new CommandLine.ParameterException(cl, "--write-baseline: " + writeBaseline
                    + " is not a file in an existing directory");
        }
        AtomicFiles.write(target, w -> TreeWriter.write(b.tree(), OutputFormat.JSON, w));
    }
}
