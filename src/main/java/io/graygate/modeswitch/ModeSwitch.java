package io.graygate.modeswitch;

import io.graygate.facts.RuleFact;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/** A switch of one symbol's mode, at the start of the window whose streak reached the threshold. */
@RuleFact
public record ModeSwitch(String symbol, Instant ts, Mode from, Mode to) {

    public LocalDate day() {
        return ts.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
