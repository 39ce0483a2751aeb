package io.trapwatch.monitorapi.rest;

import io.trapwatch.service.rest.BadParameterException;
import io.trapwatch.service.rest.RequestParameters;

import io.trapwatch.model.MonitorStatus;
import io.trapwatch.monitorapi.domain.MonitorOrder;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/** The list parameters beyond the shared ones: several statuses at once and the sort column. */
final class ListParams {

    private ListParams() {
    }

    /** Comma-separated statuses, any subset of the five; empty (or not given) means every status. */
    static Set<MonitorStatus> statuses(String value) {
        Set<MonitorStatus> out = EnumSet.noneOf(MonitorStatus.class);
        for (String part : RequestParameters.given(value).map(v -> v.split(",", -1)).orElse(new String[0])) {
            String name = part.trim();
            if (!MonitorStatus.wireNames().contains(name)) {
                throw new BadParameterException("status", "status must be one or more of " + MonitorStatus.wireNames()
                        + ", separated by commas", MonitorStatus.wireNames(), value);
            }
            out.add(MonitorStatus.fromWire(name));
        }
        return out;
    }

    /** A column name, '-' in front for descending; default trigger time descending. */
    static MonitorOrder order(String value) {
        return RequestParameters.given(value).map(v -> MonitorOrder.fromWire(v).orElseThrow(() -> {
            List<String> allowed = MonitorOrder.wireNames();
            return new BadParameterException("sort", "sort must be one of: " + allowed, allowed, value);
        })).orElse(MonitorOrder.NEWEST_FIRST);
    }
}
