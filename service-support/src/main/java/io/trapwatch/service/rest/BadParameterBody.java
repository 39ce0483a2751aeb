package io.trapwatch.service.rest;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;

import java.util.List;
import java.util.Map;

/**
 * The one 400 body of every TrapWatch service: what went wrong ({@code error}, {@code detail}), which parameter, the
 * values or forms it may take and what was received. {@code echoed} adds reference-compatible extra fields at the top
 * level (monitor-api echoes both ends of a reversed range as {@code start_date}/{@code end_date}), so a body is always
 * a superset of the five fields.
 */
public record BadParameterBody(String error, String parameter, String detail, List<String> allowed, Object received,
                               @JsonIgnore Map<String, String> echoed) {

    @JsonAnyGetter
    public Map<String, String> echoedFields() {
        return echoed;
    }
}
