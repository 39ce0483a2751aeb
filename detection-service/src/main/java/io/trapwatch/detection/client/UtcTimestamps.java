package io.trapwatch.detection.client;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads the ISO-8601 instants of market-data-service's pages. Its bar times are whole seconds in UTC
 * ({@code 2024-03-01T08:00:00Z}); that form is read directly, which is several times cheaper than a
 * {@code DateTimeFormatter} and matters when a scan reads whole histories. Any other valid form (fractions,
 * offsets) goes through the JDK's parser.
 */
final class UtcTimestamps {

    private UtcTimestamps() {
    }

    static Instant parse(String text) {
        if (text.length() == 20 && text.charAt(4) == '-' && text.charAt(7) == '-' && text.charAt(10) == 'T'
                && text.charAt(13) == ':' && text.charAt(16) == ':' && text.charAt(19) == 'Z') {
            int year = digits(text, 0, 4);
            int month = digits(text, 5, 2);
            int day = digits(text, 8, 2);
            int hour = digits(text, 11, 2);
            int minute = digits(text, 14, 2);
            int second = digits(text, 17, 2);
            if (year >= 0 && month >= 0 && day >= 0 && hour >= 0 && hour < 24 && minute >= 0 && minute < 60
                    && second >= 0 && second < 60) {
                // LocalDate.of rejects impossible dates (2023-02-30) exactly as the JDK parser would.
                long days = LocalDate.of(year, month, day).toEpochDay();
                return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second);
            }
        }
        return OffsetDateTime.parse(text).toInstant();
    }

    /** The number in {@code text[from, from+count)}, or -1 when a character is not a digit. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
