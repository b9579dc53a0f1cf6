package io.laneway.contracts.registry;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.avro.Schema;

/**
 * A small client for the Confluent Schema Registry REST API (v7), the protocol Confluent Schema Registry,
 * Apicurio ({@code /apis/ccompat/v7}), Karapace and Redpanda all speak.
 *
 * <p>Why hand-written: Confluent's own client jars are not available from Maven Central, and Apicurio's
 * serde speaks only Apicurio's native API. This covers the five calls a producer/consumer needs, with
 * caching so the registry is asked once per schema, not once per record.
 */
public final class SchemaRegistryClient {

    public static final String BACKWARD_TRANSITIVE = "BACKWARD_TRANSITIVE";
    private static final String CONTENT_TYPE = "application/vnd.schemaregistry.v1+json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Map<String, SchemaRegistryClient> BY_URL = new ConcurrentHashMap<>();

    /** How long one request may take before it is sent again. */
    static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(10);
    /** Attempts per call; every call this client makes is idempotent, so sending one again is safe. */
    static final int ATTEMPTS = 3;

    private final String baseUrl;
    private final String authorization;
    private final HttpClient http;
    private final Duration attemptTimeout;
    private final Map<Integer, Schema> schemasById = new ConcurrentHashMap<>();
    private final Map<String, Integer> idsBySubjectAndSchema = new ConcurrentHashMap<>();

    /**
     * @param baseUrl the registry's Confluent-API root; credentials may ride in it
     *                ({@code https://user:password@registry/apis/ccompat/v7}, as Confluent's clients accept them) and are
     *                then sent as HTTP Basic authentication, never logged
     */
    public SchemaRegistryClient(String baseUrl) {
        this(baseUrl, ATTEMPT_TIMEOUT);
    }

    SchemaRegistryClient(String baseUrl, Duration attemptTimeout) {
        this.attemptTimeout = attemptTimeout;
        URI uri = URI.create(baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl);
        String userInfo = uri.getRawUserInfo();
        this.authorization = userInfo == null ? null : "Basic " + java.util.Base64.getEncoder().encodeToString(
                URLDecoder.decode(userInfo, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8));
        this.baseUrl = userInfo == null ? uri.toString() : uri.toString().replace(userInfo + "@", "");
        // HTTP/1.1 as Confluent's clients speak it: the JDK client's default h2c upgrade, with many writers at once, left
        // Apicurio requests hanging until the client gave up (seen in clean-clone CI runs)
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    }

    /** One cached client per registry URL, shared by all serializers in the JVM. */
    public static SchemaRegistryClient forUrl(String baseUrl) {
        return BY_URL.computeIfAbsent(baseUrl, SchemaRegistryClient::new);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Registers (or finds) the schema under the subject and returns its global id. */
    public int register(String subject, Schema schema) {
        String cacheKey = subject + '\u0000' + schema.toString();
        Integer cached = idsBySubjectAndSchema.get(cacheKey);
        if (cached != null) {
            return cached;
        }
        JsonNode answer = send("POST", "/subjects/" + encode(subject) + "/versions", schemaBody(schema));
        int id = answer.get("id").asInt();
        idsBySubjectAndSchema.put(cacheKey, id);
        schemasById.putIfAbsent(id, schema);
        return id;
    }

    public Schema schemaById(int id) {
        return schemasById.computeIfAbsent(id, key -> {
            JsonNode answer = send("GET", "/schemas/ids/" + key, null);
            return new Schema.Parser().parse(answer.get("schema").asText());
        });
    }

    /** The subject's latest registered schema (not cached: a new version must be seen). */
    public Schema latestSchema(String subject) {
        return latest(subject).schema();
    }

    /** A schema as the registry holds it: its global id (what the Confluent framing carries) and the schema. */
    public record Registered(int id, Schema schema) {
    }

    /** The subject's latest version with its id (not cached: a new version must be seen). */
    public Registered latest(String subject) {
        JsonNode answer = send("GET", "/subjects/" + encode(subject) + "/versions/latest", null);
        Schema schema = new Schema.Parser().parse(answer.get("schema").asText());
        int id = answer.get("id").asInt();
        schemasById.putIfAbsent(id, schema);
        return new Registered(id, schema);
    }

    /** Sets the subject's compatibility level, e.g. {@link #BACKWARD_TRANSITIVE}. */
    public void setCompatibility(String subject, String level) {
        try {
            send("PUT", "/config/" + encode(subject), JSON.createObjectNode().put("compatibility", level).toString());
        } catch (SchemaRegistryException e) {
            // Apicurio answers 409 when another writer created the subject's rule a moment earlier (Confluent's PUT
            // simply updates): if that rule is the level asked for, the goal is met
            if (e.httpStatus() != 409 || !level.equalsIgnoreCase(compatibility(subject))) {
                throw e;
            }
        }
    }

    public String compatibility(String subject) {
        JsonNode answer = send("GET", "/config/" + encode(subject), null);
        JsonNode level = answer.has("compatibilityLevel") ? answer.get("compatibilityLevel") : answer.get("compatibility");
        return level == null ? null : level.asText();
    }

    /** Asks the registry whether the schema could be registered under the subject now. */
    public boolean isCompatible(String subject, Schema schema) {
        JsonNode answer = send("POST", "/compatibility/subjects/" + encode(subject) + "/versions/latest", schemaBody(schema));
        return answer.get("is_compatible").asBoolean();
    }

    public List<String> subjects() {
        List<String> subjects = new ArrayList<>();
        send("GET", "/subjects", null).forEach(node -> subjects.add(node.asText()));
        return subjects;
    }

    private static String schemaBody(Schema schema) {
        return JSON.createObjectNode().put("schemaType", "AVRO").put("schema", schema.toString()).toString();
    }

    private static String encode(String subject) {
        return URLEncoder.encode(subject, StandardCharsets.UTF_8);
    }

    /**
     * Sends the request, and sends it again (up to {@link #ATTEMPTS} times, 0.2 s then 0.4 s apart) when the registry
     * does not answer within the attempt timeout, the connection fails, or it answers 5xx. Every call here is
     * idempotent in the Confluent API (registering a schema again returns its id), so a repeat is safe; Confluent's own
     * client retries the same way ({@code max.retries}). Why: a registry under load sometimes leaves one request
     * unanswered (Apicurio on H2 waits on table locks when writers race, seen hanging 30 s in a clean-clone CI run)
     * while the next attempt is answered at once. 4xx answers are the caller's and are never repeated.
     */
    private JsonNode send(String method, String path, String body) {
        for (int attempt = 1; ; attempt++) {
            try {
                return sendOnce(method, path, body);
            } catch (SchemaRegistryException e) {
                boolean worthRepeating = e.httpStatus() == -1 || e.httpStatus() >= 500;
                if (!worthRepeating || attempt >= ATTEMPTS || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                try {
                    Thread.sleep(200L << (attempt - 1)); // backoff between attempts, not synchronisation
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    throw e;
                }
            }
        }
    }

    private JsonNode sendOnce(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(attemptTimeout)
                .header("Accept", CONTENT_TYPE + ", application/json");
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", CONTENT_TYPE).method(method, HttpRequest.BodyPublishers.ofString(body));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw error(method, path, response);
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new SchemaRegistryException("Schema registry at " + baseUrl + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SchemaRegistryException("Interrupted calling the schema registry", e);
        }
    }

    private static SchemaRegistryException error(String method, String path, HttpResponse<String> response) {
        int code = response.statusCode();
        String message = response.body();
        try {
            JsonNode node = JSON.readTree(response.body());
            code = node.path("error_code").asInt(code);
            message = node.path("message").asText(message);
        } catch (IOException ignored) {
            // not JSON: keep the raw body
        }
        return new SchemaRegistryException(method + " " + path + " -> HTTP " + response.statusCode() + ": " + message,
                response.statusCode(), code);
    }
}
