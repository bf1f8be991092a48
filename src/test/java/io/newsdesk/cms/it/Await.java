package io.newsdesk.cms.it;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Polling with a deadline instead of sleeping: a condition is checked until it holds or time is up. */
final class Await {

    private Await() {
    }

    /** Polls every 50 ms; answers how long the condition took, or fails naming what was awaited. */
    static Duration until(String what, Duration timeout, BooleanSupplier condition) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what);
            }
            ServiceProcess.pause(50);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Repeats a request until its answer satisfies the test or time is up, every {@code interval}; answers the last answer
     * with the time it took to get there (the caller asserts on it).
     */
    static Polled poll(Duration timeout, Duration interval, Supplier<Http.Response> request, Predicate<Http.Response> done) {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        int attempts = 0;
        while (true) {
            Http.Response answer = request.get();
            attempts++;
            if (done.test(answer) || System.nanoTime() > deadline) {
                return new Polled(answer, done.test(answer), Duration.ofNanos(System.nanoTime() - start), attempts);
            }
            ServiceProcess.pause(interval.toMillis());
        }
    }

    record Polled(Http.Response last, boolean reached, Duration took, int attempts) {
        long millis() {
            return took.toMillis();
        }
    }
}
