package org.kpaudit.cli;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.kpaudit.analyzer.CheckRegistry;
import org.kpaudit.analyzer.RuleInfo;
import org.kpaudit.report.OutputFormat;
import org.kpaudit.report.TreeWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code kpaudit checks}: the rule catalogue. */
@Command(mixinStandardHelpOptions = true, versionProvider = VersionProvider.class, name = "checks",
        sortOptions = false,
        description = "List every check kpaudit runs: id, name, default severity, what it looks at, summary and help.",
        footer = {"", "Formats: text (default), yaml, json.", "Exit codes: 0 listed, 2 usage error."})
public final class ChecksCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    OutputOptions output = new OutputOptions();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        OutputFormat fmt = output.format(cl, OutputFormat.TEXT,
                EnumSet.of(OutputFormat.YAML, OutputFormat.JSON, OutputFormat.TEXT));
        List<RuleInfo> rules = CheckRegistry.rules();
        if (fmt == OutputFormat.TEXT) {
            StringBuilder sb = new StringBuilder();
            for (RuleInfo r : rules) {
                sb.append(r.id()).append("  ").append(r.name()).append("  (").append(r.severity().name()
                        .toLowerCase(java.util.Locale.ROOT)).append(", ").append(r.subject()).append(")\n");
                sb.append("  ").append(r.summary()).append('\n');
                for (String line : wrap(r.help(), 96)) {
                    sb.append("    ").append(line).append('\n');
                }
                sb.append('\n');
            }
            output.write(cl.getOut(), cl, w -> w.write(sb.toString()));
            return ExitCodes.OK;
        }
        List<Object> list = new ArrayList<>();
        for (RuleInfo r : rules) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", r.id());
            m.put("name", r.name());
            m.put("severity", r.severity().name().toLowerCase(java.util.Locale.ROOT));
            m.put("subject", r.subject());
            m.put("summary", r.summary());
            m.put("help", r.help());
            list.add(m);
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("checks", list);
        output.write(cl.getOut(), cl, w -> TreeWriter.write(tree, fmt, w));
        return ExitCodes.OK;
    }

    static List<String> wrap(String text, int width) {
        List<String> out = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : text.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                out.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        if (line.length() > 0) {
            out.add(line.toString());
        }
        return out;
    }
}
