package io.trapwatch.monitorapi.rest;

import java.math.BigDecimal;

/** Prices and volumes as decimal strings: every digit the exchange sent, padded to at least 8 decimals like its quotes. */
final class DecimalText {

    private static final int MIN_SCALE = 8;

    private DecimalText() {
    }

    static String of(BigDecimal value) {
        return value == null ? null : value.setScale(Math.max(value.scale(), MIN_SCALE)).toPlainString();
    }
}
