package io.graygate.service.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * A clock the test moves by hand, so that days pass without waiting for them. It keeps ticking with the wall
 * clock between moves, because db-scheduler's poll loop waits on the same clock it reads due times from.
 */
final class MutableClock extends Clock {
    private volatile Duration offset;

    MutableClock(Instant start) {
        set(start);
    }

    void set(Instant instant) {
        offset = Duration.between(Instant.now(), instant);
    }

    void advance(Duration duration) {
        offset = offset.plus(duration);
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(offset);
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the scheduler only reads instants");
    }
}
