package io.trapwatch.monitorapi.rest;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

/** Documentation of the JSON error body (the mappers build it as a map). */
@Schema(name = "Error", description = "400 bodies name the parameter, the allowed values and what was received; other errors carry error and detail")
public record ErrorBody(@Schema(description = "e.g. 'Invalid status parameter', 'Invalid page', 'market data unavailable'") String error,
                        @Schema(description = "400 only: the offending parameter") String parameter,
                        String detail,
                        @Schema(description = "400 only: the allowed values or forms") List<String> allowed,
                        @Schema(description = "400 only: the value received") String received) {
}
