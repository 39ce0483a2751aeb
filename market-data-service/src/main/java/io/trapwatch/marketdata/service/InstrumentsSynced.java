package io.trapwatch.marketdata.service;

import io.trapwatch.model.MarketType;

/** Fired after an instrument sync changed the stored universe of a market (the streams follow it). */
public record InstrumentsSynced(MarketType market) {
}
