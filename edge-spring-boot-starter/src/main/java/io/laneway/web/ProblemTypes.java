package io.laneway.web;

import java.net.URI;
import java.text.Normalizer;
import java.util.Locale;

/**
 * Pure: the stable {@code type} of a Laneway problem, named after its title: {@code "Unknown message type"} is
 * {@code urn:laneway:problem:unknown-message-type}. A client branches on it instead of parsing the detail; a title is
 * therefore part of the API and is not reworded lightly. A URN, not an https URL: nothing is promised at an address.
 */
public final class ProblemTypes {

    public static final String PREFIX = "urn:laneway:problem:";

    private ProblemTypes() {
    }

    public static URI of(String title) {
        return URI.create(PREFIX + slug(title));
    }

    static String slug(String title) {
        if (title == null || title.isBlank()) {
            return "error";
        }
        String ascii = Normalizer.normalize(title, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        String slug = ascii.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return slug.isEmpty() ? "error" : slug;
    }
}
