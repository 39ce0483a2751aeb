package io.trapwatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.List;
import java.util.Map;

/**
 * Kubernetes NetworkPolicy semantics for the manifests of one namespace ({@code trapwatch}): a pod selected by no
 * policy of a direction is open in that direction; a selected pod accepts only what some rule of those policies
 * allows. Peers: pods (podSelector, namespaceSelector on {@code kubernetes.io/metadata.name}) and addresses outside
 * the cluster (ipBlock); ports by number or by the name the target container gives them.
 */
final class NetworkPolicies {

    static final String NAMESPACE = "trapwatch";

    /** Where traffic comes from or goes to: a pod (labels, namespace) or an address outside the cluster. */
    record Peer(Map<String, String> labels, String namespace, String ip) {
        static final Peer OUTSIDE = new Peer(null, null, "203.0.113.10");

        static Peer pod(Map<String, String> labels) {
            return new Peer(labels, NAMESPACE, null);
        }

        static Peer pod(Map<String, String> labels, String namespace) {
            return new Peer(labels, namespace, null);
        }

        static Peer namespace(String namespace) {
            return new Peer(Map.of(), namespace, null);
        }
    }

    private final List<JsonNode> policies;

    NetworkPolicies(List<JsonNode> policies) {
        this.policies = policies;
    }

    boolean ingress(Map<String, String> target, Peer source, int port, String portName) {
        return allowed(target, "Ingress", "ingress", "from", source, port, portName);
    }

    boolean egress(Map<String, String> source, Peer destination, int port) {
        return allowed(source, "Egress", "egress", "to", destination, port, null);
    }

    private boolean allowed(Map<String, String> pod, String type, String rulesField, String peersField, Peer peer,
                            int port, String portName) {
        boolean selected = false;
        for (JsonNode policy : policies) {
            JsonNode spec = policy.path("spec");
            if (!matches(spec.path("podSelector"), pod) || !types(spec).contains(type)) {
                continue;
            }
            selected = true;
            for (JsonNode rule : spec.path(rulesField)) {
                if (peerMatches(rule.path(peersField), peer) && portMatches(rule.path("ports"), port, portName)) {
                    return true;
                }
            }
        }
        return !selected;
    }

    private static List<String> types(JsonNode spec) {
        if (spec.has("policyTypes")) {
            return toList(spec.path("policyTypes"));
        }
        return spec.has("egress") ? List.of("Ingress", "Egress") : List.of("Ingress");
    }

    private static List<String> toList(JsonNode array) {
        return java.util.stream.StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
    }

    private static boolean peerMatches(JsonNode peers, Peer peer) {
        if (peers.isMissingNode() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode candidate : peers) {
            if (candidate.has("ipBlock")) {
                if (peer.ip() != null && inBlock(candidate.path("ipBlock"), peer.ip())) {
                    return true;
                }
                continue;
            }
            if (peer.labels() == null) {
                continue;
            }
            boolean namespaceOk = candidate.has("namespaceSelector")
                    ? matches(candidate.path("namespaceSelector"), Map.of("kubernetes.io/metadata.name", peer.namespace()))
                    : NAMESPACE.equals(peer.namespace());
            boolean podOk = !candidate.has("podSelector") || matches(candidate.path("podSelector"), peer.labels());
            if (namespaceOk && podOk) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, int port, String portName) {
        if (ports.isMissingNode() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode p : ports) {
            String wanted = p.path("port").asText();
            if (wanted.equals(String.valueOf(port)) || (portName != null && wanted.equals(portName))) {
                return true;
            }
        }
        return false;
    }

    /** matchLabels and matchExpressions (In, NotIn, Exists, DoesNotExist); an empty selector matches everything. */
    static boolean matches(JsonNode selector, Map<String, String> labels) {
        for (Map.Entry<String, JsonNode> wanted : selector.path("matchLabels").properties()) {
            if (!wanted.getValue().asText().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asText());
            List<String> values = toList(expression.path("values"));
            boolean ok = switch (expression.path("operator").asText()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> false;
            };
            if (!ok) {
                return false;
            }
        }
        return true;
    }

    private static boolean inBlock(JsonNode block, String ip) {
        if (!inCidr(block.path("cidr").asText(), ip)) {
            return false;
        }
        for (JsonNode except : block.path("except")) {
            if (inCidr(except.asText(), ip)) {
                return false;
            }
        }
        return true;
    }

    private static boolean inCidr(String cidr, String ip) {
        String[] parts = cidr.split("/");
        int bits = Integer.parseInt(parts[1]);
        long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return (toLong(parts[0]) & mask) == (toLong(ip) & mask);
    }

    private static long toLong(String ip) {
        long value = 0;
        for (String octet : ip.split("\\.")) {
            value = (value << 8) | Integer.parseInt(octet);
        }
        return value;
    }
}
