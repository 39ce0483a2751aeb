package io.trapwatch.monitorapi.domain;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Base64;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pure rules of alert delivery: backoff, the per-chat plan, secrets at rest, signatures, summary size. */
class AlertRulesTest {

    @Test
    void backoffDoublesPerFailedAttemptUpToItsCapWithJitterBetweenHalfAndAll() {
        Backoff backoff = new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(60));
        assertThat(backoff.after(1, 0.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(backoff.after(1, 1.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(backoff.after(2, 1.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(backoff.after(4, 0.5)).isEqualTo(Duration.ofSeconds(12)); // 16 s: 8 + 4
        assertThat(backoff.after(6, 1.0)).isEqualTo(Duration.ofSeconds(60)); // 64 s capped
        assertThat(backoff.after(40, 0.0)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aChatGetsOneMessagePerAlertWhileTheyFitAndASummaryOtherwise() {
        assertThat(ChatPlan.of(0, 0, 20)).isEqualTo(ChatPlan.WAIT);
        assertThat(ChatPlan.of(5, 20, 20)).isEqualTo(ChatPlan.WAIT);
        assertThat(ChatPlan.of(19, 0, 20)).isEqualTo(ChatPlan.EACH);
        assertThat(ChatPlan.of(20, 0, 20)).isEqualTo(ChatPlan.SUMMARY); // the last message of the window stays in reserve
        assertThat(ChatPlan.of(200, 0, 20)).isEqualTo(ChatPlan.SUMMARY);
        assertThat(ChatPlan.of(1, 19, 20)).isEqualTo(ChatPlan.EACH);
        assertThat(ChatPlan.of(2, 19, 20)).isEqualTo(ChatPlan.SUMMARY);
    }

    @Test
    void aSealedSecretOpensOnlyWithItsKeyAndIsNeverStoredInClear() {
        SecretCipher cipher = new SecretCipher(Base64.getDecoder().decode("MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY="));
        byte[] a = cipher.encrypt("webhook-secret-123");
        byte[] b = cipher.encrypt("webhook-secret-123");
        assertThat(a).isNotEqualTo(b).hasSize(12 + 18 + 16);
        assertThat(cipher.decrypt(a)).isEqualTo("webhook-secret-123");
        SecretCipher other = new SecretCipher(new byte[32]);
        assertThatThrownBy(() -> other.decrypt(a)).isInstanceOf(IllegalStateException.class);
        a[20] ^= 1;
        assertThatThrownBy(() -> cipher.decrypt(a)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretCipher(new byte[10])).hasMessageContaining("16, 24 or 32");
    }

    @Test
    void theSignatureIsTheHexHmacSha256OfTheBody() {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        assertThat(WebhookSignature.of("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("sha256=5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aSummaryTakesAsManyLinesAsTelegramAcceptsInOneMessage() {
        String line = "• futures ABCDEFGHUSDT 1h → suspected_abandonment (futures:ABCDEFGHUSDT:1h:1759276800000 #2)";
        int fits = AlertText.summaryFits(Collections.nCopies(200, line));
        assertThat(fits).isBetween(30, 60);
        assertThat(AlertText.summary(Collections.nCopies(fits, line)).length()).isLessThanOrEqualTo(AlertText.MESSAGE_LIMIT);
        assertThat(AlertText.summary(Collections.nCopies(fits + 1, line)).length()).isGreaterThan(AlertText.MESSAGE_LIMIT);
        assertThat(AlertText.summaryFits(List.of("x".repeat(5000)))).isEqualTo(1);
    }
}
