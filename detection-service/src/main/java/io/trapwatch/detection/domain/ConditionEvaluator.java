package io.trapwatch.detection.domain;

/**
 * Combines detector flags into the three phase decisions (state-machine.md §3). Every phase is
 * a plain AND; a missing (null) flag means the detector could not decide, which is "not met".
 */
public final class ConditionEvaluator {

    private ConditionEvaluator() {
    }

    public static boolean discovery(Boolean rvolTriggered, Boolean amplitudeTriggered) {
        return isTrue(rvolTriggered) && isTrue(amplitudeTriggered);
    }

    public static boolean confirmation(Boolean volumeRetentionTriggered, Boolean keyLevelBreached,
                                       Boolean peTriggered) {
        return isTrue(volumeRetentionTriggered) && isTrue(keyLevelBreached) && isTrue(peTriggered);
    }

    /** The OBV flag that decides is {@code single_side_decline}, not {@code divergence_detected}. */
    public static boolean validation(Boolean maDeathCross, Boolean obvSingleSideDecline, Boolean atrCompressed) {
        return isTrue(maDeathCross) && isTrue(obvSingleSideDecline) && isTrue(atrCompressed);
    }

    private static boolean isTrue(Boolean flag) {
        return Boolean.TRUE.equals(flag);
    }
}
