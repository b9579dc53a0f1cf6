package io.laneway.deploy;

import java.util.ArrayDeque;
import java.util.Deque;
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

    static String generate(String valuesYaml) {
        StringBuilder rows = new StringBuilder();
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
            String value = withoutTrailingComment(k.group(3));
            String name = String.join(".", path);
            if (value.isEmpty()) {
                if (!comment.isEmpty()) {
                    rows.append("| `").append(name).append("` | | ").append(cell(comment.toString())).append(" |\n");
                }
            } else {
                rows.append("| `").append(name).append("` | `").append(value.replace("|", "\\|")).append("` | ")
                        .append(cell(comment.toString())).append(" |\n");
            }
            comment.setLength(0);
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
