package io.trapwatch.detection.domain;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionEvaluatorTest {

    @Test
    void discoveryNeedsBothFlags() {
        assertThat(ConditionEvaluator.discovery(true, true)).isTrue();
        assertThat(ConditionEvaluator.discovery(true, false)).isFalse();
        assertThat(ConditionEvaluator.discovery(false, true)).isFalse();
        assertThat(ConditionEvaluator.discovery(null, true)).isFalse();
    }

    @Test
    void confirmationNeedsAllThree() {
        assertThat(ConditionEvaluator.confirmation(true, true, true)).isTrue();
        assertThat(ConditionEvaluator.confirmation(true, true, false)).isFalse();
        assertThat(ConditionEvaluator.confirmation(true, false, true)).isFalse();
        assertThat(ConditionEvaluator.confirmation(false, true, true)).isFalse();
        assertThat(ConditionEvaluator.confirmation(true, true, null)).as("null PE result").isFalse();
    }

    @Test
    void validationNeedsAllThree() {
        assertThat(ConditionEvaluator.validation(true, true, true)).isTrue();
        assertThat(ConditionEvaluator.validation(false, true, true)).isFalse();
        assertThat(ConditionEvaluator.validation(true, false, true)).isFalse();
        assertThat(ConditionEvaluator.validation(true, true, false)).isFalse();
        assertThat(ConditionEvaluator.validation(true, null, true)).isFalse();
    }
}
