package io.laneway.projection.query;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Every error as RFC 9457 problem+json: 404 for an unknown key, 400 for a bad query, 503 + Retry-After while not ready. */
@RestControllerAdvice
public class Problems extends ResponseEntityExceptionHandler {

    @ExceptionHandler(StoreNotReadyException.class)
    ResponseEntity<ProblemDetail> notReady(StoreNotReadyException e) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).header(HttpHeaders.RETRY_AFTER, "1")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(detail(HttpStatus.SERVICE_UNAVAILABLE, "Read model not ready", e.getMessage()));
    }

    @ExceptionHandler(BadQueryException.class)
    ResponseEntity<ProblemDetail> badQuery(BadQueryException e) {
        return problem(HttpStatus.BAD_REQUEST, "Invalid query", e.getMessage());
    }

    public static ResponseEntity<?> notFound(String what, String id) {
        return problem(HttpStatus.NOT_FOUND, "Unknown " + what,
                "No " + what + " with id '" + id + "' is known yet. Something just published appears within moments.");
    }

    static ResponseEntity<ProblemDetail> problem(HttpStatus status, String title, String detail) {
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(detail(status, title, detail));
    }

    private static ProblemDetail detail(HttpStatus status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }
}
