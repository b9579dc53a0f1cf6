package io.laneway.web;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Replaces Spring Boot's /error JSON ({"timestamp","error","path"}) with problem+json. Requests end up here when
 * something below the controllers refused them: Spring Security's firewall (a '%25' or '..' in the URL), a filter,
 * or the container. The detail says what the caller can do; the exception's own message is never shown.
 */
@RestController
public class ProblemErrorController implements ErrorController {

    @RequestMapping("${server.error.path:${error.path:/error}}")
    public ResponseEntity<String> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        // no status: nobody forwarded here, the caller asked for /error itself, where nothing is served
        int status = code == null ? HttpStatus.NOT_FOUND.value()
                : code instanceof Integer i && i >= 400 ? i : HttpStatus.INTERNAL_SERVER_ERROR.value();
        Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemJson.of(status, ProblemJson.detailFor(status), uri == null ? null : uri.toString()));
    }
}
