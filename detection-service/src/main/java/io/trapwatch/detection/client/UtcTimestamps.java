package io.trapwatch.detection.client;

import io.trapwatch.service.json.IsoInstants;

import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * Reads the ISO-8601 instants of market-data-service's pages. Its bar times are whole seconds in UTC
 * ({@code 2024-03-01T08:00:00Z}); that form is read by {@link IsoInstants}, which matters when a scan reads whole
 * histories. Any other valid form (offsets) goes through the JDK's parser, which also rejects what is not an instant.
 */
final class UtcTimestamps {

    private UtcTimestamps() {
    }

    static Instant parse(String text) {
        Instant utc = IsoInstants.parse(text);
        return utc != null ? utc : OffsetDateTime.parse(text).toInstant();
    }
}
