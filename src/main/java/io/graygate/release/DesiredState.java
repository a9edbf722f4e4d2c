package io.graygate.release;

import java.util.List;

/** The release's lifecycle state and the per-symbol configuration the trading system should run. */
public record DesiredState(ReleaseState release, List<SymbolState> symbols) {
    public DesiredState {
        symbols = List.copyOf(symbols);
    }
}
