package io.laneway.router.dedupe;

import java.util.List;

import io.laneway.router.config.RouterProperties;
import io.laneway.security.ClientIdentity;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.ExampleObject;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Which message an idempotency key was accepted as, within the idempotency window: a client that lost the router's
 * answer finds its message again, and an operator (scope {@code admin}, every client's keys) finds a message a client
 * only knows by its own key.
 */
@RestController
class IdempotencyKeyController {

    private final IngestIdempotency idempotency;
    private final RouterProperties router;

    IdempotencyKeyController(IngestIdempotency idempotency, RouterProperties router) {
        this.idempotency = idempotency;
        this.router = router;
    }

    record Accepted(String client, String id, String lane, String acceptedAt, String statusUrl) {
    }

    @ApiResponse(responseCode = "200", description = "The messages accepted under this key: the caller's own, or every client's for admin",
            content = @Content(mediaType = "application/json", examples = @ExampleObject(name = "example", value = """
                    [{"client": "shop", "id": "0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33", "lane": "FAST",
                      "acceptedAt": "2026-12-05T03:10:02.114Z",
                      "statusUrl": "https://laneway.example.com/v1/messages/0b7c9e52-3f0e-4d7a-9c1e-6f2b8d4a1c33"}]""")))
    @GetMapping(path = "/v1/messages/by-idempotency-key/{key}", produces = {"application/json", "application/problem+json"})
    List<Accepted> find(@PathVariable String key, Authentication caller) {
        List<Accepted> found = idempotency.find(ClientIdentity.isAdmin(caller) ? null : ClientIdentity.of(caller), key).stream()
                .map(c -> new Accepted(c.client(), c.messageId(), c.lane(), c.acceptedAt().toString(), router.statusUrl(c.messageId())))
                .toList();
        if (found.isEmpty()) {
            // the same answer whether the key is unknown or another client's: a key says nothing about others' traffic
            throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No message of yours was accepted under idempotency key '" + key
                    + "' within the idempotency window.");
        }
        return found;
    }
}
