package org.kpaudit.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.scan.DebugDirSource;
import org.kpaudit.analyzer.scan.ObjectFileSource;
import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where the files of a core's mapped objects are found by build-id: {@code --debug-dir} and the
 * debuginfod options, the same in {@code scan} and {@code audit}.
 */
public final class ObjectFileOptions {

    @Option(names = "--debug-dir", paramLabel = "DIR",
            description = "Find mapped files by build-id under DIR/.build-id/xx/rest (the layout of /usr/lib/debug"
                    + " that GDB and elfutils read). Repeatable.")
    List<Path> debugDirs = new ArrayList<>();

    @Mixin
    DebuginfodOptions servers = new DebuginfodOptions();

    /** The sources in the order they are tried: debug folders, then servers. */
    List<ObjectFileSource> sources(CommandLine cl, Map<String, String> env) {
        List<ObjectFileSource> out = new ArrayList<>();
        InputFiles.requireDirectories(cl, debugDirs.toArray(Path[]::new));
        for (Path d : debugDirs) {
            out.add(new DebugDirSource(d));
        }
        out.addAll(servers.sources(cl, env));
        return out;
    }

    /** The servers alone (for the targets of patches). */
    List<ObjectFileSource> servers(CommandLine cl, Map<String, String> env) {
        return servers.sources(cl, env);
    }
}
