package io.graygate.reporting;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class CsvCellsTest {

    @ParameterizedTest(name = "[{0}] -> [{1}]")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "=SUM(A1:A9)|'=SUM(A1:A9)",
            "+cmd /C calc!A0|'+cmd /C calc!A0",
            "-2+3|'-2+3",
            "@HYPERLINK(\"http://x\")|'@HYPERLINK(\"http://x\")",
            "-0.05|-0.05",
            "-12|-12",
            "+7|+7",
            "-1.5e-3|-1.5e-3",
            "0.999|0.999",
            "ETHUSDT|ETHUSDT",
            "- not a number|'- not a number",
    })
    void formulasBecomeTextAndNumbersStayNumbers(String cell, String expected) {
        assertThat(CsvCells.safe(cell)).isEqualTo(expected);
    }

    @org.junit.jupiter.api.Test
    void tabAndCarriageReturnLeadsAreNeutralised() {
        assertThat(CsvCells.safe("\t=1+1")).isEqualTo("'\t=1+1");
        assertThat(CsvCells.safe("\r=1+1")).isEqualTo("'\r=1+1");
        assertThat(CsvCells.safe("")).isEmpty();
        assertThat(CsvCells.safe(null)).isEmpty();
    }
}
