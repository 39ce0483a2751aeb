package io.trapwatch.service.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The UTC instants our services write ({@code 2026-12-03T05:00:00Z}, optionally with a fraction), read by plain
 * arithmetic: several times cheaper than a {@code DateTimeFormatter}, which resolves a map of fields for every value.
 * Callers send every other shape to the JDK's or Jackson's parser, so what is accepted stays theirs.
 */
public final class IsoInstants {

    private static final int SHORTEST = "2026-12-03T05:00:00Z".length();

    private IsoInstants() {
    }

    /** {@code yyyy-MM-ddTHH:mm:ss[.f…]Z} with a fraction of 1–9 digits; null for anything else. */
    public static Instant parse(String text) {
        int length = text.length();
        if (length < SHORTEST || length > SHORTEST + 10 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        int nanos = 0;
        if (length > SHORTEST) {
            int fractionDigits = length - SHORTEST - 1;
            if (text.charAt(19) != '.' || fractionDigits == 0) {
                return null;
            }
            nanos = digits(text, 20, 20 + fractionDigits);
            if (nanos < 0) {
                return null;
            }
            for (int i = fractionDigits; i < 9; i++) {
                nanos *= 10;
            }
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * 86_400 + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException noSuchDate) {
            return null; // e.g. February 30th: the general parser reports it in Jackson's words
        }
    }

    /** The decimal value of {@code text[from, to)}, or -1 when a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
