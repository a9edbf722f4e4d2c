package io.graygate.facts;

import java.time.Duration;
import java.time.Instant;

/**
 * The release's latest rollback of a running stage, as the entry rules ({@code rules/entry.drl}) see it, with
 * the rolled-back stage's {@code gate.cool_down} and when the start was asked for. Rules do not read the clock:
 * the time of the request is a field. Only an entry check inserts it, and none when the release was never
 * rolled back from a running stage (a rollback at baseline or a drill sets no cool-down).
 *
 * @param stage       the stage that was running when the release was rolled back
 * @param at          when it was rolled back
 * @param by          who rolled it back
 * @param coolDown    the rolled-back stage's {@code gate.cool_down}
 * @param requestedAt when the stage start is asked for
 */
public record LastRollback(String release, String stage, Instant at, String by, String reason, Duration coolDown,
                           Instant requestedAt) {

    /** When the cool-down ends: a start asked for before then is refused. */
    public Instant coolDownEnds() {
        return at.plus(coolDown);
    }

    /** The time left until the cool-down ends, zero once it has. */
    public Duration left() {
        Duration left = Duration.between(requestedAt, coolDownEnds());
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Whole minutes, rounded up, so "0m left" never refuses: {@code 24h}, {@code 1h 30m}, {@code 2m}. */
    public static String describe(Duration duration) {
        long minutes = (duration.toSeconds() + 59) / 60;
        long hours = minutes / 60;
        return hours == 0 ? minutes % 60 + "m" : minutes % 60 == 0 ? hours + "h" : hours + "h " + minutes % 60 + "m";
    }
}
