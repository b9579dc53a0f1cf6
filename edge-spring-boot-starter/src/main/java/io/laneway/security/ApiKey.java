package io.laneway.security;

import java.util.List;

/** A static API key, bound to a client and its scopes (e.g. {@code messages:write}, {@code admin}). */
public record ApiKey(String key, String client, List<String> scopes) {
}
