package io.graygate.intake;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Splits a byte stream into lines and decodes each one strictly as UTF-8, so that one line with bad
 * bytes is rejected on its own instead of corrupting or stopping the whole file.
 */
final class LineReader {
    private final InputStream in;
    private final byte[] buffer = new byte[1 << 16];
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    private int position;
    private int limit;
    private byte[] line = new byte[256];
    private int lineLength;
    private int lineNumber;
    private boolean printableAscii;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** Advances to the next line; false at the end of the input. */
    boolean next() throws IOException {
        lineLength = 0;
        boolean sawAny = false;
        while (true) {
            if (position == limit) {
                limit = in.read(buffer);
                position = 0;
                if (limit <= 0) {
                    limit = 0;
                    if (sawAny) {
                        lineNumber++;
                    }
                    return sawAny;
                }
            }
            sawAny = true;
            int start = position;
            while (position < limit && buffer[position] != '\n') {
                position++;
            }
            append(start, position);
            if (position < limit) {
                position++;
                lineNumber++;
                return true;
            }
        }
    }

    private void append(int from, int to) {
        int length = to - from;
        if (lineLength + length > line.length) {
            line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
        }
        System.arraycopy(buffer, from, line, lineLength, length);
        lineLength += length;
    }

    int lineNumber() {
        return lineNumber;
    }

    /** The line as text without its line break, or null when it is not valid UTF-8. */
    String text() {
        int length = lineLength;
        if (length > 0 && line[length - 1] == '\r') {
            length--;
        }
        printableAscii = false;
        if (isAscii(length)) {
            printableAscii = isPrintable(length);
            return new String(line, 0, length, StandardCharsets.ISO_8859_1);
        }
        try {
            return decoder.decode(ByteBuffer.wrap(line, 0, length)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** The line's bytes shown as text, bad bytes replaced, for the rejection record. */
    String lossyText() {
        return new String(line, 0, lineLength, StandardCharsets.UTF_8).replace('\u0000', '\uFFFD').stripTrailing();
    }

    /**
     * Whether the last {@link #text()} was ASCII without control characters (tab aside), the case of nearly
     * every line, which then needs no character-by-character check.
     */
    boolean wasPrintableAscii() {
        return printableAscii;
    }

    private boolean isPrintable(int length) {
        for (int i = 0; i < length; i++) {
            byte b = line[i];
            if ((b < 0x20 && b != '\t') || b == 0x7f) {
                return false;
            }
        }
        return true;
    }

    private boolean isAscii(int length) {
        for (int i = 0; i < length; i++) {
            if (line[i] < 0) {
                return false;
            }
        }
        return true;
    }
}
