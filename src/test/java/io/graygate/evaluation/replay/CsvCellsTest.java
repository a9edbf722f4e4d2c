package io.graygate.evaluation.replay;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "=SUM(A1:A2)|'=SUM(A1:A2)",
            "+cmd|'+cmd",
            "-2+3|'-2+3",
            "@import|'@import",
            "\"\tx\"|\"'\tx\"",
            "-12.5|-12.5",
            "+3|+3",
            "1e-9|1e-9",
            "HOLD|HOLD",
            "S1 no crash|S1 no crash"})
    void formulaStartsGetAnApostropheNumbersDoNot(String cell, String expected) {
        assertThat(CsvCells.safe(cell)).isEqualTo(expected);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"\rx"})
    void aCarriageReturnStartIsNeutralised(String cell) {
        assertThat(CsvCells.safe("\r" + "x")).isEqualTo("'\rx");
    }
}
