package io.laneway.projection.query;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;

import io.laneway.security.ApiKeyAuthenticationFilter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.servlet.http.HttpServletRequest;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.state.HostInfo;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * Answers a keyed query where the key lives: locally when this instance owns it, otherwise by relaying the
 * same GET to the owner (one internal HTTP hop, marked so the owner never relays again, which also stops
 * loops while ownership moves). Every answer says who served it ({@value #SERVED_BY}) and is timed in
 * {@code laneway.projection.query{view, served=local|routed}}.
 */
@Component
public class InstanceRouter {

    public static final String ROUTED = "X-Laneway-Routed";
    public static final String SERVED_BY = "X-Laneway-Served-By";

    private final ProjectionStores stores;
    private final MeterRegistry meters;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public InstanceRouter(ProjectionStores stores, MeterRegistry meters) {
        this.stores = stores;
        this.meters = meters;
    }

    /** @param local answers from this instance, given the key's partition (its store is the only one read) */
    public ResponseEntity<?> answer(String store, String key, HttpServletRequest request, IntFunction<ResponseEntity<?>> local) {
        Timer.Sample sample = Timer.start(meters);
        KeyQueryMetadata metadata = stores.ownerOf(store, key);
        // a relayed request is answered here even if ownership moved meanwhile: never a second hop
        boolean here = request.getHeader(ROUTED) != null || metadata.activeHost().equals(stores.self());
        try {
            ResponseEntity<?> answer = here ? local.apply(metadata.partition()) : relay(metadata.activeHost(), request, store);
            HttpHeaders headers = new HttpHeaders();
            headers.addAll(answer.getHeaders());
            if (here) {
                headers.set(SERVED_BY, endpoint(stores.self()));
            }
            return ResponseEntity.status(answer.getStatusCode()).headers(headers).body(answer.getBody());
        } finally {
            sample.stop(meters.timer("laneway.projection.query", "view", store, "served", here ? "local" : "routed"));
        }
    }

    /**
     * GET {@code pathAndQuery} on another instance, marked as relayed and carrying the current caller's credentials
     * (the owner authorises the caller, not the cluster); its answer as-is.
     */
    public ResponseEntity<String> get(HostInfo host, String pathAndQuery, String store) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + endpoint(host) + pathAndQuery))
                    .timeout(Duration.ofSeconds(5)).header(ROUTED, "1").GET();
            callerCredentials().forEach(request::header);
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            HttpHeaders headers = new HttpHeaders();
            response.headers().firstValue(HttpHeaders.CONTENT_TYPE).ifPresent(v -> headers.set(HttpHeaders.CONTENT_TYPE, v));
            response.headers().firstValue(HttpHeaders.RETRY_AFTER).ifPresent(v -> headers.set(HttpHeaders.RETRY_AFTER, v));
            response.headers().firstValue(SERVED_BY).ifPresent(v -> headers.set(SERVED_BY, v));
            return ResponseEntity.status(response.statusCode()).headers(headers).body(response.body());
        } catch (IOException e) {
            throw new StoreNotReadyException(store); // the owner is moving or restarting: the caller retries
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreNotReadyException(store);
        }
    }

    /** The credential headers of the request this thread is answering (relays happen only while answering one). */
    private static Map<String, String> callerCredentials() {
        Map<String, String> credentials = new LinkedHashMap<>();
        if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
            for (String name : List.of(HttpHeaders.AUTHORIZATION, ApiKeyAuthenticationFilter.HEADER)) {
                String value = attributes.getRequest().getHeader(name);
                if (value != null) {
                    credentials.put(name, value);
                }
            }
        }
        return credentials;
    }

    private ResponseEntity<String> relay(HostInfo owner, HttpServletRequest request, String store) {
        String query = request.getQueryString();
        return get(owner, request.getRequestURI() + (query == null ? "" : "?" + query), store);
    }

    static String endpoint(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    public static ResponseEntity<?> json(Object body) {
        return ResponseEntity.status(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON).body(body);
    }
}
