package io.laneway.router.problem;

import io.laneway.router.rejection.TooManyRequestsException;
import java.util.List;

import io.laneway.router.rejection.InvalidRequestException;
import io.laneway.router.payload.PayloadSchemaUnavailableException;
import io.laneway.router.publish.KafkaUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error leaves as RFC 9457 problem+json with a message a person can act on: never a stack trace,
 * never a 500 for the caller's own mistake.
 */
@RestControllerAdvice
public class ProblemAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAdvice.class);

    private final RejectionMetrics rejections;

    public ProblemAdvice(RejectionMetrics rejections) {
        this.rejections = rejections;
    }

    @ExceptionHandler(InvalidRequestException.class)
    ResponseEntity<ProblemDetail> invalid(InvalidRequestException e) {
        ResponseEntity<ProblemDetail> answer = problem(e.status(), e.title(), e.getMessage());
        if (e instanceof TooManyRequestsException tooMany) {
            return ResponseEntity.status(answer.getStatusCode()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                    .header(HttpHeaders.RETRY_AFTER, String.valueOf(tooMany.retryAfterSeconds())).body(answer.getBody());
        }
        return answer;
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<ProblemDetail> tooLarge(PayloadTooLargeException e) {
        return problem(HttpStatus.CONTENT_TOO_LARGE, "Request body too large", e.getMessage());
    }

    @ExceptionHandler(KafkaUnavailableException.class)
    ResponseEntity<ProblemDetail> kafkaDown(KafkaUnavailableException e) {
        log.warn("Publishing failed, answering 503: {}", e.getMessage());
        return unavailable("Message broker unavailable",
                "The message was not accepted because the broker is unavailable; retry after the indicated delay.");
    }

    @ExceptionHandler(PayloadSchemaUnavailableException.class)
    ResponseEntity<ProblemDetail> schemaUnavailable(PayloadSchemaUnavailableException e) {
        log.warn("Payload validation impossible, answering 503: {}", e.getMessage());
        return unavailable("Payload schema unavailable",
                "The message was not accepted because its payload schema cannot be read right now; retry after the indicated delay.");
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof PayloadTooLargeException tooLarge) { // a chunked body ran over the limit
                return cast(tooLarge(tooLarge));
            }
        }
        if (e.getCause() == null) { // Spring's "Required request body is missing: <the controller method>"
            return cast(problem(HttpStatus.BAD_REQUEST, "Missing request body",
                    "The request has no body: send one JSON message (the types are listed at GET /v1/types)."));
        }
        String reason = e.getMostSpecificCause().getMessage();
        // Jackson's messages end with a source excerpt that helps nobody; keep the first line, and name Java types by
        // their simple name (`String`, `PublishRequest`), not by our package layout.
        String firstLine = reason == null ? "unreadable body" : reason.lines().findFirst().orElse(reason);
        return cast(problem(HttpStatus.BAD_REQUEST, "Malformed request body",
                "The body is not a valid JSON message: " + firstLine.replaceAll("\\b(?:[a-z][\\w$]*\\.)+([A-Z][\\w$]*)", "$1")));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        List<String> errors = e.getBindingResult().getFieldErrors().stream()
                .map(f -> f.getField() + " " + f.getDefaultMessage()).sorted().toList();
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.BAD_REQUEST, "Invalid message",
                "The message has invalid fields: " + String.join("; ", errors));
        answer.getBody().setProperty("errors", errors);
        return cast(answer);
    }

    /** 503 with Retry-After: nothing was accepted, the same request can simply be sent again. */
    private ResponseEntity<ProblemDetail> unavailable(String title, String detail) {
        ResponseEntity<ProblemDetail> answer = problem(HttpStatus.SERVICE_UNAVAILABLE, title, detail);
        return ResponseEntity.status(answer.getStatusCode()).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .header(HttpHeaders.RETRY_AFTER, "5").body(answer.getBody());
    }

    private ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        rejections.recordCurrent(status.value(), title);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static ResponseEntity<Object> cast(ResponseEntity<ProblemDetail> entity) {
        return (ResponseEntity) entity;
    }
}
