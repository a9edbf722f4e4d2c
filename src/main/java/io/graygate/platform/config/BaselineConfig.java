package io.graygate.platform.config;

import java.time.LocalDate;

/**
 * @param referenceDays length of the reference window that ends the day before the observation window
 * @param referenceFrom fixed reference window start (inclusive), overriding referenceDays when set
 * @param referenceTo   fixed reference window end (inclusive)
 */
public record BaselineConfig(BaselineMode mode, int referenceDays, LocalDate referenceFrom, LocalDate referenceTo) {

    public boolean hasFixedWindow() {
        return referenceFrom != null;
    }
}
