package io.laneway.deploy;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The chart's README, generated from {@code values.yaml}: every key with its default and the comment written above it
 * (the helm-docs convention, which needs no tool here). Hand-written because the rule is a few lines and the chart's
 * only source of truth is the commented values file.
 */
final class ChartReadme {

    private static final Pattern KEY = Pattern.compile("^( *)([A-Za-z][\\w-]*):\\s*(.*)$");
    private static final Pattern COMMENT = Pattern.compile("^\\s*#\\s?(.*)$");

    private ChartReadme() {
    }

    /** Every key of values.yaml (dotted path) with its default as written and the comment above it (may be empty). */
    record Value(String path, String defaultValue, String comment) {
    }

    static List<Value> values(String valuesYaml) {
        List<Value> values = new ArrayList<>();
        Deque<int[]> indents = new ArrayDeque<>();
        Deque<String> path = new ArrayDeque<>();
        StringBuilder comment = new StringBuilder();
        for (String line : valuesYaml.lines().toList()) {
            if (line.isBlank()) {
                comment.setLength(0);
                continue;
            }
            Matcher c = COMMENT.matcher(line);
            if (c.matches()) {
                comment.append(comment.isEmpty() ? "" : " ").append(c.group(1).trim());
                continue;
            }
            Matcher k = KEY.matcher(line);
            if (!k.matches()) {
                continue;
            }
            int indent = k.group(1).length();
            while (!indents.isEmpty() && indents.peek()[0] >= indent) {
                indents.pop();
                path.removeLast();
            }
            indents.push(new int[] {indent});
            path.addLast(k.group(2));
            values.add(new Value(String.join(".", path), withoutTrailingComment(k.group(3)), comment.toString()));
            comment.setLength(0);
        }
        return values;
    }

    static String generate(String valuesYaml) {
        StringBuilder rows = new StringBuilder();
        for (Value v : values(valuesYaml)) {
            if (v.defaultValue().isEmpty()) {
                if (!v.comment().isEmpty()) {
                    rows.append("| `").append(v.path()).append("` | | ").append(cell(v.comment())).append(" |\n");
                }
            } else {
                rows.append("| `").append(v.path()).append("` | `").append(v.defaultValue().replace("|", "\\|")).append("` | ")
                        .append(cell(v.comment())).append(" |\n");
            }
        }
        return """
                # Laneway Helm chart

                The four Laneway services (router, consumer pool, saga orchestrator, projection) against an existing Kafka,
                a Confluent-API schema registry and PostgreSQL. Install, topics, security and the alerts' runbook: the
                repository's README.md ("Install and observe", "Topics", "Security") and RUNBOOK.md.

                Generated from `values.yaml` by `deployment-checks` (`ChartReadmeTest`): edit the comments there, then run
                `./mvnw -pl deployment-checks verify -Dtest=ChartReadmeTest -Dlaneway.chart.readme.write=true`.

                | value | default | what |
                |---|---|---|
                """ + rows;
    }

    private static String withoutTrailingComment(String value) {
        int hash = value.indexOf(" #");
        return (hash >= 0 ? value.substring(0, hash) : value).trim();
    }

    private static String cell(String text) {
        return text.replace("|", "\\|");
    }
}
