package io.laneway.deploy.boot;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The network a cluster or a compose project gives its containers, stood in for by this machine's loopback (servers
 * started here bind 127.0.0.1 only): addresses of other parts ({@code kafka:9092}, a Service's {@code name:port}) become
 * the loopback address of the local part, and a wildcard bind address becomes 127.0.0.1. Nothing else in a value
 * changes.
 */
record NetworkStandIn(Map<String, String> addresses) {

    private static final Pattern WILDCARD = Pattern.compile("0\\.0\\.0\\.0|::|\\[::]");

    NetworkStandIn {
        addresses = Map.copyOf(addresses);
    }

    static NetworkStandIn of(Map<String, String> addresses) {
        return new NetworkStandIn(new LinkedHashMap<>(addresses));
    }

    /** The value with every known {@code host:port} replaced; a value that is only a wildcard address becomes 127.0.0.1. */
    String rewrite(String value) {
        if (value == null) {
            return null;
        }
        if (WILDCARD.matcher(value).matches()) {
            return "127.0.0.1";
        }
        String result = value;
        for (Map.Entry<String, String> address : addresses.entrySet()) {
            // a whole authority only: "kafka:9092" in "kafka:9092,other:1" or "//kafka:9092/", never "mykafka:90921"
            Pattern authority = Pattern.compile("(?<![\\w.-])" + Pattern.quote(address.getKey()) + "(?!\\w)");
            result = authority.matcher(result).replaceAll(Matcher.quoteReplacement(address.getValue()));
        }
        return result;
    }
}
