package org.kpaudit.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.kpaudit.analyzer.Policy;
import org.kpaudit.analyzer.PolicyException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code kpaudit warm-up SAMPLES} (hidden, for the build): runs every command and output format
 * once on the repository's samples, in this one JVM, and throws the output away. The build runs it
 * with {@code -XX:DumpLoadedClassList} and makes the class data sharing archive {@code ./kpaudit}
 * starts with from that list, so the archive holds the classes of all commands, not only those of
 * one run.
 */
@Command(name = "warm-up", hidden = true,
        description = "Run every command once on the samples directory and discard the output (for the build).")
public final class WarmUpCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SAMPLES", description = "The repository's samples directory.")
    Path samples;

    @Override
    public Integer call() throws IOException, PolicyException {
        if (!Files.isDirectory(samples)) {
            throw new CommandLine.ParameterException(spec.commandLine(), samples + " is not a directory");
        }
        String x86 = "libcare/b_shared_lib/";
        String patch = x86 + "patch/3c2025b52044e37e2713275f1a07bcaf276e0472.kpatch";
        String target = x86 + "original/libshape.so";
        String chain = "libcare/f_incremental_stacked/";
        String chainPatch = "/patch/fb080d8b220ac2221c8f235ed385636698becbb2.kpatch";
        String cxx = "libcare/h_cxx/patch/2dfed7b410bbf2767d7a223a7fde185957418f22.kpatch";
        String arm = "libcare-aarch64/a_bounds_check/";
        Path tmp = Files.createTempDirectory("kpaudit-warm-up");
        try {
            Path tgz = tmp.resolve("kpatch-warm-up.tgz");
            tarGz(samples.resolve(patch), tgz);
            List<String[]> runs = new ArrayList<>();
            runs.add(new String[] {"--version"});
            runs.add(new String[] {"--help"});
            runs.add(new String[] {"help", "check"});
            runs.add(new String[] {"check"}); // a usage error
            for (String f : new String[] {"text", "yaml", "json"}) {
                runs.add(new String[] {"checks", "-f", f});
                runs.add(new String[] {"inspect", "-f", f, s(cxx), s(target), s(arm + "original/gauge")});
                runs.add(new String[] {"diff", "-f", f, s(chain + "level1" + chainPatch),
                    s(chain + "level3" + chainPatch)});
            }
            for (String f : new String[] {"yaml", "json", "sarif", "junit", "text"}) {
                runs.add(new String[] {"check", "-f", f, "--target", s(target), s(patch)});
            }
            runs.add(new String[] {"check", "-f", "yaml", "--target", s(chain + "original/portcheck"), s(chain)});
            runs.add(new String[] {"check", "-f", "text", "--target", s(arm + "original/gauge"), s(arm + "patch")});
            runs.add(new String[] {"check", "-f", "json", tgz.toString()});
            runs.add(new String[] {"inspect", "-f", "json", samples.toString()});
            runs.add(new String[] {"diff", "-f", "html", s(chain + "level1"), s(chain)});
            for (String f : new String[] {"yaml", "json", "text"}) {
                runs.add(new String[] {"chain", "-f", f, s("klp/patch-a/patch-a.ko"), s("klp/patch-b/patch-b.ko")});
                runs.add(new String[] {"scan", "-f", f, s("libcare/a_bounds_check/runtime/core-2-patched")});
            }
            runs.add(new String[] {"inspect", s("libcare/a_bounds_check/runtime/core-2-patched"), s("klp/patch-b/patch-b.ko")});
            runs.add(new String[] {"audit", "-d", tmp.toString(), samples.toString()});
            PrintWriter none = new PrintWriter(Writer.nullWriter());
            int failed = 0;
            for (String[] args : runs) {
                int rc = Main.run(args, none, none);
                boolean expected = rc == ExitCodes.OK || rc == ExitCodes.FINDINGS
                        || args.length == 1 && args[0].equals("check") && rc == ExitCodes.USAGE;
                if (!expected) {
                    spec.commandLine().getErr().println("kpaudit: warm-up: 'kpaudit " + String.join(" ", args)
                            + "' exited " + rc);
                    failed++;
                }
            }
            Policy.parse("warm-up.yaml", "allow_functions: ['parse_*']\nmax_functions: 5\n");
            return failed == 0 ? ExitCodes.OK : ExitCodes.UNREADABLE;
        } finally {
            try (java.util.stream.Stream<Path> all = Files.walk(tmp)) {
                for (Path p : all.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    private String s(String rel) {
        return samples.resolve(rel).toString();
    }

    /** A gzip-compressed tar holding one file, the way LibcarePlus ships patches. */
    private static void tarGz(Path file, Path out) throws IOException {
        try (OutputStream o = Files.newOutputStream(out);
                TarArchiveOutputStream tar = new TarArchiveOutputStream(new GZIPOutputStream(o))) {
            TarArchiveEntry e = new TarArchiveEntry(file.getFileName().toString());
            byte[] b = Files.readAllBytes(file);
            e.setSize(b.length);
            tar.putArchiveEntry(e);
            tar.write(b);
            tar.closeArchiveEntry();
        }
    }
}
