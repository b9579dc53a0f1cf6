package io.laneway.security;

import java.io.IOException;

import io.laneway.web.ProblemJson;
import jakarta.servlet.http.HttpServletResponse;

/** 401/403 written as problem+json by the security filters (they run before Spring MVC's advice). */
public final class ProblemResponses {

    private ProblemResponses() {
    }

    public static void write(HttpServletResponse response, int status, String title, String detail, String instance) throws IOException {
        response.setStatus(status);
        response.setContentType("application/problem+json");
        response.getWriter().write(ProblemJson.of(status, title, detail, instance));
    }
}
