package org.kpaudit.cli;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.kpaudit.analyzer.scan.DebuginfodSource;
import org.kpaudit.analyzer.scan.ObjectFileSource;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --debuginfod}, {@code --no-debuginfod}, {@code --cache-dir} and DEBUGINFOD_URLS: the same in check, scan, audit. */
public final class DebuginfodOptions {

    @Option(names = "--debuginfod", paramLabel = "URL",
            description = "Fetch files by build-id from this debuginfod server (GET URL/buildid/ID/executable),"
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

    /** The servers to ask, as one source, or none. */
    List<ObjectFileSource> sources(CommandLine cl, Map<String, String> env) {
        List<URI> servers = new ArrayList<>();
        try {
            for (String u : debuginfod) {
                servers.add(DebuginfodSource.server(u));
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, "--debuginfod: " + e.getMessage());
        }
        if (!noDebuginfod && !Boolean.getBoolean("kpaudit.ignoreDebuginfodUrls")) {
            try {
                servers.addAll(DebuginfodSource.parseUrls(env.get("DEBUGINFOD_URLS")));
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "DEBUGINFOD_URLS: " + e.getMessage()
                        + " (or give --no-debuginfod)");
            }
        }
        if (servers.isEmpty()) {
            return List.of();
        }
        Path cache = cacheDir != null ? cacheDir : DebuginfodSource.defaultCache(env);
        return List.of(new DebuginfodSource(servers, cache, DebuginfodSource.Limits.fromEnvironment(env)));
    }
}
