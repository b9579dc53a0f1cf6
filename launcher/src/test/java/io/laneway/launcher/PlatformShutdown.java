package io.laneway.launcher;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.laneway.infra.Await;
import io.laneway.infra.ChildProcess;

/** What the platform-level tests do last: stop everything and prove no process outlives the test. */
final class PlatformShutdown {

    private PlatformShutdown() {
    }

    /** Closes the platform and waits until its service processes, and {@code alsoThese}, have exited. */
    static void closeAndAwaitExit(Platform platform, List<Long> alsoThese) {
        List<Long> pids = new ArrayList<>(platform.services().stream().map(ChildProcess::pid).toList());
        pids.addAll(alsoThese);
        platform.close();
        Await.until("every platform process to exit", Duration.ofSeconds(30),
                () -> pids.stream().map(ProcessHandle::of).noneMatch(p -> p.map(ProcessHandle::isAlive).orElse(false)));
    }
}
