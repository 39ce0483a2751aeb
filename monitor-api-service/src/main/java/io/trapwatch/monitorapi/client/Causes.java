package io.trapwatch.monitorapi.client;

/** What went wrong in a failed call to another service, read from an exception's cause chain. */
final class Causes {

    private Causes() {
    }

    /** The innermost cause as "Type: message", for answers and logs. */
    static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + (root.getMessage() == null ? "" : ": " + root.getMessage());
    }

    /** Whether any exception of the chain is one of the given types. */
    @SafeVarargs
    static boolean any(Throwable e, Class<? extends Throwable>... types) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Throwable> type : types) {
                if (type.isInstance(t)) {
                    return true;
                }
            }
        }
        return false;
    }
}
