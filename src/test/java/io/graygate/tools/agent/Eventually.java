package io.graygate.tools.agent;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition of real processes; a timeout fails with what was last seen. */
final class Eventually {
    private Eventually() {
    }

    static void await(String what, Duration limit, Supplier<Boolean> condition, Supplier<String> seen)
            throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (!condition.get()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + limit.toSeconds() + " s: " + what + "\n" + seen.get());
            }
            Thread.sleep(50);
        }
    }
}
