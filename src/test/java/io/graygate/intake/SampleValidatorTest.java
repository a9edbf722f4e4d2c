package io.graygate.intake;

import io.graygate.platform.config.ConfigLoader;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Example;

import java.nio.file.Path;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The validator's shortcuts (a hand-written decimal check instead of a regular expression, accepted series
 * remembered) must accept and refuse exactly what the plain checks do.
 */
class SampleValidatorTest {
    /** The definition the hand-written check replaces. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final SampleValidator validator =
            new SampleValidator(ConfigLoader.load(Path.of("config/release.yaml")).catalogue(),
                    java.time.Instant.parse("9999-12-31T23:59:59Z"));

    @Property(tries = 5000)
    void theDecimalCheckAcceptsExactlyPlainDecimals(@ForAll("numberLike") String text) {
        assertThat(SampleValidator.isDecimal(text)).as("'%s'", text).isEqualTo(DECIMAL.matcher(text).matches());
    }

    @Provide
    Arbitrary<String> numberLike() {
        return Arbitraries.strings().withChars("0123456789+-.eE xdfINa").ofMinLength(0).ofMaxLength(9);
    }

    @Example
    void aKnownSeriesStillHasItsTimestampAndValueChecked() throws LineProblem {
        Sample first = validator.validate(2, new RawFields("2026-01-05T10:00:00Z", "zscore", "1.5", "BTCUSDT", "feed"));
        assertThat(first.metric()).isEqualTo("zscore");

        assertThatThrownBy(() -> validator.validate(3, new RawFields("2026-01-05T10:01:00Z", "zscore", "1.5x", "BTCUSDT", "feed")))
                .hasMessage("value: '1.5x' is not a number");
        assertThatThrownBy(() -> validator.validate(4, new RawFields("2026-01-05 10:02", "zscore", "1.5", "BTCUSDT", "feed")))
                .hasMessageStartingWith("ts: ");
        assertThatThrownBy(() -> validator.validate(5, new RawFields("2026-01-05T10:03:00Z", "uptime_ratio", "1.5", "", "feed")))
                .hasMessageStartingWith("value: ");
        Sample again = validator.validate(6, new RawFields("2026-01-05T10:04:00Z", "zscore", "-2", "BTCUSDT", "feed"));
        assertThat(again.value()).isEqualTo(-2.0);
        assertThat(again.symbol()).as("one String per name, so the series lookup is cheap").isSameAs(first.symbol());
    }

    @Example
    void aSeriesIsOnlyRememberedOnceEveryFieldPassed() {
        assertThatThrownBy(() -> validator.validate(2, new RawFields("2026-01-05T10:00:00Z", "zscore", "1", "BAD SYMBOL", "feed")))
                .hasMessageStartingWith("symbol: ");
        assertThatThrownBy(() -> validator.validate(3, new RawFields("2026-01-05T10:00:00Z", "zscore", "1", "BAD SYMBOL", "feed")))
                .as("the bad name is refused every time").hasMessageStartingWith("symbol: ");
        assertThatThrownBy(() -> validator.validate(4, new RawFields("2026-01-05T10:00:00Z", "zscore", "1", "", "feed")))
                .hasMessage("symbol: missing; zscore is reported per symbol");
    }
}
