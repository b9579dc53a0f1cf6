package io.laneway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * values.schema.json describes every value as values.yaml's comment does (an IDE or `helm show values` reader sees the
 * same words as the chart README), and every value down to a service's settings has a description.
 */
class ChartSchemaDescriptionsTest {

    @Test
    void everyValueIsDescribedAsValuesYamlSaysIt() throws Exception {
        Map<String, String> comments = ChartReadme.values(Files.readString(Repository.chart().resolve("values.yaml"))).stream()
                .filter(v -> !v.comment().isEmpty()).collect(Collectors.toMap(ChartReadme.Value::path, ChartReadme.Value::comment));
        JsonNode schema = JsonMapper.builder().build().readTree(Files.readString(Repository.chart().resolve("values.schema.json")));
        List<String> problems = new ArrayList<>();
        check(schema, "", 0, comments, problems);
        assertThat(problems).as("values.schema.json descriptions: copy each value's comment from values.yaml").isEmpty();
    }

    private static void check(JsonNode node, String path, int depth, Map<String, String> comments, List<String> problems) {
        JsonNode properties = node.path("properties");
        for (String name : properties.propertyNames()) {
            JsonNode property = properties.get(name);
            String at = path.isEmpty() ? name : path + "." + name;
            String description = property.path("description").asString("");
            if (comments.containsKey(at) && !comments.get(at).equals(description)) {
                problems.add(at + ": \"" + description + "\" but values.yaml says \"" + comments.get(at) + "\"");
            }
            if (depth < 2 && description.isEmpty()) {
                problems.add(at + " has no description");
            }
            check(property, at, depth + 1, comments, problems);
        }
    }
}
