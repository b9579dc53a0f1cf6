package io.laneway.deploy;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the install and observe artifacts live, seen from this module's tests. */
final class Repository {

    private Repository() {
    }

    static Path root() {
        Path here = Path.of("").toAbsolutePath();
        return Files.exists(here.resolve("helm")) ? here : here.getParent();
    }

    static Path chart() {
        return root().resolve("helm/laneway");
    }
}
