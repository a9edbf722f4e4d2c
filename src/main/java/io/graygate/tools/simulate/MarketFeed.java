package io.graygate.tools.simulate;

import java.util.Random;

/**
 * A synthetic market-activity feed for one symbol: calm and busy regimes that persist for a while (so the mode
 * switch has streaks to find), noise on top, and a share of the window's market-data messages lost.
 */
final class MarketFeed {
    /** Per window, the chance the regime flips. */
    static final double REGIME_FLIP = 0.06;
    static final double CALM_MEAN = 0.3;
    static final double BUSY_MEAN = 0.9;
    static final double NOISE = 0.15;
    static final int MESSAGES_PER_WINDOW = 1000;

    private final Random random;
    private final double lossRatio;
    private boolean busy;

    MarketFeed(long seed, double lossRatio) {
        this.random = new Random(seed);
        this.lossRatio = lossRatio;
    }

    /** The next window's activity (never negative). */
    double nextActivity() {
        if (random.nextDouble() < REGIME_FLIP) {
            busy = !busy;
        }
        return Math.max(0, (busy ? BUSY_MEAN : CALM_MEAN) + random.nextGaussian() * NOISE);
    }

    /** Messages lost of {@link #MESSAGES_PER_WINDOW} in one window. */
    int lostMessages() {
        int lost = 0;
        for (int i = 0; i < MESSAGES_PER_WINDOW; i++) {
            lost += random.nextDouble() < lossRatio ? 1 : 0;
        }
        return lost;
    }
}
