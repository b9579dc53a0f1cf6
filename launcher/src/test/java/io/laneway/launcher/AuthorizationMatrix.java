package io.laneway.launcher;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.laneway.launcher.AuthorizationMatrixTest.Credential;
import io.laneway.launcher.AuthorizationMatrixTest.Endpoint;

/**
 * The README's authorization matrix as data: which rule guards each endpoint ({@code <!-- authorization-matrix -->}),
 * and what each rule answers to each kind of credential ({@code <!-- authorization-expectations -->}).
 */
final class AuthorizationMatrix {

    private AuthorizationMatrix() {
    }

    /** @param services what the service column's {@code every service} stands for */
    static Map<Endpoint, String> rules(String readme, List<String> services) {
        Map<Endpoint, String> rules = new LinkedHashMap<>();
        for (List<String> row : table(readme, "authorization-matrix")) {
            for (String service : row.get(0).equals("every service") ? services : List.of(row.get(0))) {
                rules.put(new Endpoint(service, row.get(1), row.get(2)), row.get(3));
            }
        }
        return rules;
    }

    static Map<String, Map<Credential, String>> expectations(String readme) {
        List<List<String>> rows = table(readme, "authorization-expectations");
        Map<String, Map<Credential, String>> expectations = new LinkedHashMap<>();
        for (List<String> row : rows) {
            Map<Credential, String> byCredential = new EnumMap<>(Credential.class);
            for (Credential credential : Credential.values()) {
                byCredential.put(credential, row.get(1 + credential.ordinal()));
            }
            expectations.put(row.get(0), byCredential);
        }
        return expectations;
    }

    /** {@code passes}: the request got past authorization (not 401/403, and no server error); a number: exactly it; {@code -}: not asserted. */
    static boolean matches(String expected, int status) {
        return switch (expected) {
            case "passes" -> status != 401 && status != 403 && status < 500;
            case "-" -> true;
            default -> status == Integer.parseInt(expected);
        };
    }

    /** The body rows of the markdown table after the marker comment (header and separator skipped), cells without backticks. */
    private static List<List<String>> table(String readme, String marker) {
        int start = readme.indexOf("<!-- " + marker + " -->");
        if (start < 0) {
            throw new IllegalStateException("README.md has no <!-- " + marker + " --> table");
        }
        List<List<String>> rows = new ArrayList<>();
        boolean inTable = false;
        for (String line : readme.substring(start).lines().skip(1).toList()) {
            if (!line.startsWith("|")) {
                if (inTable) {
                    break;
                }
                continue;
            }
            inTable = true;
            List<String> cells = new ArrayList<>();
            for (String cell : line.substring(1, line.lastIndexOf('|')).split("\\|", -1)) {
                cells.add(cell.replace("`", "").trim());
            }
            rows.add(cells);
        }
        return rows.subList(2, rows.size());
    }
}
