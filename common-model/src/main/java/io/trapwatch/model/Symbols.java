package io.trapwatch.model;

import java.util.regex.Pattern;

/** The one spelling of a Binance symbol TrapWatch accepts anywhere: upper-case letters and digits, 2 to 32 long. */
public final class Symbols {

    public static final Pattern PATTERN = Pattern.compile("[A-Z0-9]{2,32}");

    private Symbols() {
    }

    public static boolean isValid(String symbol) {
        return symbol != null && PATTERN.matcher(symbol).matches();
    }
}
