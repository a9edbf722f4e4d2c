package io.graygate.modeswitch;

import io.graygate.platform.SampleDays;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;

/** Writes activity samples straight into the sample table from a pattern: a = 0.8, b = 0.5, q = 0.2, . = no
 * sample (b lies between the thresholds 0.4 and 0.6 of the asymmetric tests). */
final class ActivityFixture {
    private ActivityFixture() {
    }

    static void write(Jdbi jdbi, String symbol, String source, Instant start, Duration window, String pattern) {
        jdbi.useTransaction(h -> {
            h.createUpdate("INSERT INTO series (metric, symbol, source) VALUES ('activity', :symbol, :source) "
                    + "ON CONFLICT DO NOTHING").bind("symbol", symbol).bind("source", source).execute();
            int id = h.createQuery("SELECT id FROM series WHERE metric = 'activity' AND symbol = :symbol AND source = :source")
                    .bind("symbol", symbol).bind("source", source).mapTo(Integer.class).one();
            SampleDays.create(h, SampleDays.covering(start, start.plus(window.multipliedBy(pattern.length()))));
            PreparedBatch batch = h.prepareBatch("INSERT INTO sample (series_id, ts, value, ingest_id) VALUES (:id, :ts, :v, 0)");
            for (int i = 0; i < pattern.length(); i++) {
                char c = pattern.charAt(i);
                if (c != '.') {
                    batch.bind("id", id).bind("ts", Timestamp.from(start.plus(window.multipliedBy(i))))
                            .bind("v", value(c)).add();
                }
            }
            batch.execute();
        });
    }

    /** The same pattern, window by window, through the plain state machine. */
    static java.util.List<ModeSwitch> plain(String symbol, Instant start, HysteresisParams params, String pattern) {
        PlainHysteresis machine = new PlainHysteresis(symbol, params);
        java.util.List<ModeSwitch> out = new java.util.ArrayList<>();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c != '.') {
                machine.step(start.plus(params.window().multipliedBy(i)), value(c)).ifPresent(out::add);
            }
        }
        return out;
    }

    private static double value(char c) {
        return switch (c) {
            case 'a' -> 0.8;
            case 'b' -> 0.5;
            default -> 0.2;
        };
    }
}
