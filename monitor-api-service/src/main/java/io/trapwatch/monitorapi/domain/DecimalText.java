package io.trapwatch.monitorapi.domain;

import java.math.BigDecimal;

/** The one rendering of prices and volumes: every digit the exchange sent, padded to at least 8 decimals like its quotes. */
public final class DecimalText {

    private static final int MIN_SCALE = 8;

    private DecimalText() {
    }

    public static String of(BigDecimal value) {
        return value == null ? null : value.setScale(Math.max(value.scale(), MIN_SCALE)).toPlainString();
    }
}
