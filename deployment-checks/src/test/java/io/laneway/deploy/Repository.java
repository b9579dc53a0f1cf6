package io.laneway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the install and observe artifacts live, seen from this module's tests. */
public final class Repository {

    private Repository() {
    }

    public static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("helm")) ? here : here.getParent();
    }

    public static Path chart() {
        return root().resolve("helm/laneway");
    }

    /** The project's version, from the parent POM: the tag Jib gives the images. */
    public static String projectVersion() {
        try {
            String pom = Files.readString(root().resolve("pom.xml"));
            java.util.regex.Matcher version = java.util.regex.Pattern.compile(
                    "<artifactId>laneway-parent</artifactId>\\s*<version>([^<]+)</version>").matcher(pom);
            if (!version.find()) {
                throw new IllegalStateException("no laneway-parent version in pom.xml");
            }
            return version.group(1);
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
