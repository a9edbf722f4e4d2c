package io.graygate.modeswitch;

import java.time.LocalDate;

/** One symbol's day: how many activity windows it had and how many switches the rules decided on it. */
public record SwitchDay(String symbol, LocalDate day, int windows, int switches) {

    public SwitchDay withSwitches(int count) {
        return new SwitchDay(symbol, day, windows, count);
    }
}
