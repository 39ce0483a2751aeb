package io.trapwatch.service.rest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A request parameter (or body field) is missing or invalid. {@link BadParameterMapper} answers it with 400 and a
 * {@link BadParameterBody}: {@code error} is always "Invalid &lt;parameter&gt; parameter" (the reference's wording, also
 * for a missing one), {@code detail} says what exactly is wrong.
 */
public class BadParameterException extends RuntimeException {

    private final transient BadParameterBody body;

    public BadParameterException(String parameter, String detail, List<String> allowed, Object received) {
        this("Invalid " + parameter + " parameter", parameter, detail, allowed, received, Map.of());
    }

    private BadParameterException(String error, String parameter, String detail, List<String> allowed, Object received,
                                  Map<String, String> echoed) {
        super(detail);
        this.body = new BadParameterBody(error, parameter, detail, List.copyOf(allowed), received, echoed);
    }

    /** A start after its end: names the start parameter and echoes both values under their own names. */
    public static BadParameterException reversedRange(String what, String startName, String startValue,
                                                      String endName, String endValue) {
        Map<String, String> echoed = new LinkedHashMap<>();
        echoed.put(startName, startValue);
        echoed.put(endName, endValue);
        return new BadParameterException("Invalid " + what + " range", startName,
                startName + " cannot be greater than " + endName, List.of(startName + " <= " + endName), startValue,
                Collections.unmodifiableMap(echoed));
    }

    public BadParameterBody body() {
        return body;
    }
}
