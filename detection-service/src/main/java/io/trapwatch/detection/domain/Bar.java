package io.trapwatch.detection.domain;

/** One closed candle of a series; {@code openTime} is in epoch milliseconds (UTC). */
public record Bar(long openTime, double open, double high, double low, double close, double volume) {
}
