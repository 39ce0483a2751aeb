package io.trapwatch.infra;

/** The bearer tokens every service accepts under the test profile (see service-support's default configuration). */
public final class TestTokens {

    /** Has the operator role: write endpoints accept it. */
    public static final String OPERATOR = "test-operator-token";
    /** A valid token without the operator role: write endpoints answer 403. */
    public static final String VIEWER = "test-viewer-token";

    private TestTokens() {
    }
}
