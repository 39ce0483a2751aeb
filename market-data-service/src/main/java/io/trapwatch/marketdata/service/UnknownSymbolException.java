package io.trapwatch.marketdata.service;

import java.util.List;

/** Symbols that are neither instruments nor stored series of the market. */
public class UnknownSymbolException extends RuntimeException {
    private final List<String> symbols;

    public UnknownSymbolException(String market, List<String> symbols) {
        super("Unknown " + market + " symbol" + (symbols.size() > 1 ? "s " : " ") + String.join(",", symbols));
        this.symbols = symbols;
    }

    public List<String> symbols() {
        return symbols;
    }
}
