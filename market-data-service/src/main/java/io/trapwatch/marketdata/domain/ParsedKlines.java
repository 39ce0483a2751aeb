package io.trapwatch.marketdata.domain;

import io.trapwatch.model.Kline;

import java.util.List;

/** The rows of one klines answer that passed validation, and one message per rejected row. */
public record ParsedKlines(List<Kline> bars, List<String> rejections) {
}
