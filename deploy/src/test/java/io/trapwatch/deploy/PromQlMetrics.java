package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The metric names a PromQL expression reads: every identifier that is not a function, keyword or label name. */
final class PromQlMetrics {

    private static final Set<String> NOT_METRICS = Set.of("sum", "max", "min", "avg", "count", "rate", "irate",
            "increase", "deriv", "delta", "histogram_quantile", "by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "abs", "clamp_min", "clamp_max", "time", "vector",
            "scalar", "topk", "bottomk", "sort", "sort_desc", "label_replace", "absent", "changes", "resets");
    private static final Pattern LABEL_MATCHERS = Pattern.compile("\\{[^}]*}");
    private static final Pattern GROUPING = Pattern.compile("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)");
    private static final Pattern RANGES = Pattern.compile("\\[[^]]*]");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![\\w.])[a-zA-Z_:][a-zA-Z0-9_:]*");

    private PromQlMetrics() {
    }

    static Set<String> in(String expr) {
        String stripped = RANGES.matcher(GROUPING.matcher(LABEL_MATCHERS.matcher(expr).replaceAll(" ")).replaceAll(" "))
                .replaceAll(" ");
        Set<String> names = new TreeSet<>();
        Matcher m = IDENTIFIER.matcher(stripped);
        while (m.find()) {
            if (!NOT_METRICS.contains(m.group())) {
                names.add(m.group());
            }
        }
        return names;
    }

    /** Every target expression of a Grafana dashboard, rows' panels included. */
    static List<String> dashboardExpressions(JsonNode dashboard) {
        List<String> exprs = new ArrayList<>();
        for (JsonNode panel : dashboard.path("panels")) {
            panel.path("targets").forEach(t -> exprs.add(t.path("expr").asText()));
            panel.path("panels").forEach(inner -> inner.path("targets").forEach(t -> exprs.add(t.path("expr").asText())));
        }
        return exprs;
    }
}
