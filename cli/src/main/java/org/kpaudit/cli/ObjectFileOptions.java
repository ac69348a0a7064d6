package org.kpaudit.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.scan.DebugDirSource;
import org.kpaudit.analyzer.scan.DebuginfodSource;
import org.kpaudit.analyzer.scan.ObjectFileSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * Where the files of a core's mapped objects are found by build-id: {@code --debug-dir},
 * {@code --debuginfod} and {@code DEBUGINFOD_URLS}, the same in {@code scan} and {@code audit}.
 */
public final class ObjectFileOptions {

    @Option(names = "--debug-dir", paramLabel = "DIR",
            description = "Find mapped files by build-id under DIR/.build-id/xx/rest (the layout of /usr/lib/debug"
                    + " that GDB and elfutils read). Repeatable.")
    List<Path> debugDirs = new ArrayList<>();

    @Option(names = "--debuginfod", paramLabel = "URL",
            description = "Fetch mapped files by build-id from this debuginfod server (GET URL/buildid/ID/executable),"
                    + " before those of DEBUGINFOD_URLS. Repeatable. Fetched files are checked for their build-id,"
                    + " limited in size and time (DEBUGINFOD_MAXSIZE, DEBUGINFOD_TIMEOUT, DEBUGINFOD_MAXTIME),"
                    + " cached, and never executed.")
    List<String> debuginfod = new ArrayList<>();

    @Option(names = "--no-debuginfod",
            description = "Ignore DEBUGINFOD_URLS: ask no server (a server learns the build-ids it is asked for).")
    boolean noDebuginfod;

    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Keep fetched files here (default: DEBUGINFOD_CACHE_PATH, else"
                    + " $XDG_CACHE_HOME/kpaudit/debuginfod, else ~/.cache/kpaudit/debuginfod).")
    Path cacheDir;

    /** The sources in the order they are tried: debug folders, then servers. */
    List<ObjectFileSource> sources(CommandLine cl, Map<String, String> env) {
        List<ObjectFileSource> out = new ArrayList<>();
        InputFiles.requireDirectories(cl, debugDirs.toArray(Path[]::new));
        for (Path d : debugDirs) {
            out.add(new DebugDirSource(d));
        }
        List<URI> servers = new ArrayList<>();
        try {
            for (String u : debuginfod) {
                servers.add(DebuginfodSource.server(u));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--debuginfod: " + e.getMessage());
        }
        if (!noDebuginfod) {
            try {
                servers.addAll(DebuginfodSource.parseUrls(env.get("DEBUGINFOD_URLS")));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "DEBUGINFOD_URLS: " + e.getMessage()
                        + " (or give --no-debuginfod)");
            }
        }
        if (!servers.isEmpty()) {
            Path cache = cacheDir != null ? cacheDir : DebuginfodSource.defaultCache(env);
            out.add(new DebuginfodSource(servers, cache, DebuginfodSource.Limits.fromEnvironment(env)));
        }
        return out;
    }
}
