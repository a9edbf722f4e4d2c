package io.graygate.intake;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * CSV with a header naming the columns: ts, metric and value are required; symbol and source optional;
 * any order. Each line is parsed on its own so that a stray quote cannot swallow the lines after it.
 */
final class CsvLines {
    private static final Set<String> KNOWN = Set.of("ts", "metric", "value", "symbol", "source");
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setTrim(true).get();

    private final int columns;
    private final int ts;
    private final int metric;
    private final int value;
    private final int symbol;
    private final int source;

    private CsvLines(List<String> header) {
        columns = header.size();
        ts = header.indexOf("ts");
        metric = header.indexOf("metric");
        value = header.indexOf("value");
        symbol = header.indexOf("symbol");
        source = header.indexOf("source");
    }

    /** Reads the header line; throws with what was expected when it is not a usable header. */
    static CsvLines fromHeader(String origin, int line, String headerLine) {
        List<String> header;
        try {
            header = split(headerLine);
        } catch (LineProblem e) {
            throw new IngestException(origin + ":" + line + ": bad header: " + e.getMessage());
        }
        for (String column : header) {
            if (!KNOWN.contains(column)) {
                throw new IngestException(origin + ":" + line + ": bad header: unknown column '" + column
                        + "'; expected ts,metric,value[,symbol][,source]");
            }
            if (header.indexOf(column) != header.lastIndexOf(column)) {
                throw new IngestException(origin + ":" + line + ": bad header: column '" + column + "' appears twice");
            }
        }
        for (String required : List.of("ts", "metric", "value")) {
            if (!header.contains(required)) {
                throw new IngestException(origin + ":" + line + ": bad header: missing column '" + required
                        + "'; expected ts,metric,value[,symbol][,source]");
            }
        }
        return new CsvLines(header);
    }

    RawFields parse(String line) throws LineProblem {
        List<String> cells = split(line);
        if (cells.size() != columns) {
            throw new LineProblem("wrong column count: expected " + columns + ", got " + cells.size());
        }
        return new RawFields(cells.get(ts), cells.get(metric), cells.get(value),
                symbol < 0 ? "" : cells.get(symbol), source < 0 ? "" : cells.get(source));
    }

    private static List<String> split(String line) throws LineProblem {
        return line.indexOf('"') < 0 ? splitPlain(line) : splitQuoted(line);
    }

    private static List<String> splitQuoted(String line) throws LineProblem {
        try (CSVParser parser = CSVParser.parse(line, FORMAT)) {
            List<CSVRecord> records = parser.getRecords();
            if (records.size() != 1) {
                throw new LineProblem("not one CSV record");
            }
            List<String> cells = new ArrayList<>();
            records.get(0).forEach(cells::add);
            return cells;
        } catch (UncheckedIOException | IllegalStateException e) {
            throw new LineProblem("malformed CSV quoting");
        } catch (IOException e) {
            throw new LineProblem("malformed CSV: " + e.getMessage());
        }
    }

    /** The common case, no quotes: a plain split is enough and much faster than a parser per line. */
    private static List<String> splitPlain(String line) {
        int commas = 0;
        for (int i = line.indexOf(','); i >= 0; i = line.indexOf(',', i + 1)) {
            commas++;
        }
        String[] cells = new String[commas + 1];
        int start = 0;
        for (int cell = 0; cell < commas; cell++) {
            int end = line.indexOf(',', start);
            cells[cell] = line.substring(start, end).trim();
            start = end + 1;
        }
        cells[commas] = line.substring(start).trim();
        return Arrays.asList(cells);
    }
}
