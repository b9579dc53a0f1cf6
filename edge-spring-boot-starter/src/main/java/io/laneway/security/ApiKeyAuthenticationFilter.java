package io.laneway.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code X-API-Key: <key>} authenticates as the key's client with the key's scopes. An unknown key is a
 * 401 at once (not an anonymous request). Keys are compared in constant time.
 */
public class ApiKeyAuthenticationFilter extends OncePerRequestFilter {

    public static final String HEADER = "X-API-Key";

    private final List<ApiKey> keys;
    private final AuthenticationEntryPoint unauthorized;

    public ApiKeyAuthenticationFilter(List<ApiKey> keys, AuthenticationEntryPoint unauthorized) {
        this.keys = keys;
        this.unauthorized = unauthorized;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String presented = request.getHeader(HEADER);
        if (presented != null) {
            if (presented.isBlank()) {
                unauthorized.commence(request, response, new BadCredentialsException("Empty API key"));
                return;
            }
            var match = keys.stream().filter(k -> k.key() != null && MessageDigest.isEqual(
                    k.key().getBytes(StandardCharsets.UTF_8), presented.getBytes(StandardCharsets.UTF_8))).findFirst();
            if (match.isEmpty()) {
                unauthorized.commence(request, response, new BadCredentialsException("Unknown API key"));
                return;
            }
            SecurityContextHolder.getContext().setAuthentication(new ApiKeyAuthentication(match.get()));
        }
        chain.doFilter(request, response);
    }

    static final class ApiKeyAuthentication extends AbstractAuthenticationToken {
        private final String client;

        ApiKeyAuthentication(ApiKey key) {
            super(key.scopes() == null ? List.of() : key.scopes().stream().map(s -> new SimpleGrantedAuthority("SCOPE_" + s)).toList());
            this.client = key.client();
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return "";
        }

        @Override
        public Object getPrincipal() {
            return client;
        }

        @Override
        public String getName() {
            return client;
        }
    }
}
