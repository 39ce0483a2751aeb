package io.trapwatch.detection.rest;

import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.trapwatch.detection.support.ServiceTest;
import io.trapwatch.infra.TestTokens;
import io.trapwatch.infra.oidc.OidcIssuerResource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/**
 * People write with OIDC bearer tokens when the tenant is enabled: a real issuer over HTTP signs the tokens, the
 * service fetches its keys by discovery. Cancelling an unknown sweep is the write used: 404 means "allowed in".
 */
@ServiceTest
@TestProfile(OidcWriteTest.WithOidc.class)
class OidcWriteTest {

    public static class WithOidc implements QuarkusTestProfile {
        @Override
        public List<TestResourceEntry> testResources() {
            return List.of(new TestResourceEntry(OidcIssuerResource.class));
        }
    }

    private static final String WRITE = "/api/detection/sweeps/00000000-0000-0000-0000-000000000000";

    @ConfigProperty(name = "quarkus.oidc.auth-server-url")
    String issuer;

    @Test
    void anOperatorsTokenIsLetIn() {
        given().auth().oauth2(token("sub=alice&groups=operator,trader")).delete(WRITE).then().statusCode(404);
    }

    @Test
    void aTokenWithoutTheOperatorRoleIsForbidden() {
        given().auth().oauth2(token("sub=bob&groups=viewer")).delete(WRITE)
                .then().statusCode(403).contentType(ContentType.JSON).body("error", equalTo("forbidden"));
    }

    @Test
    void anExpiredTokenIsUnauthorized() {
        given().auth().oauth2(token("sub=alice&groups=operator&expires_in=-600")).delete(WRITE)
                .then().statusCode(401).contentType(ContentType.JSON).body("error", equalTo("unauthorized"));
    }

    @Test
    void aTokenSignedByAnotherKeyIsUnauthorized() {
        given().auth().oauth2(token("sub=mallory&groups=operator&signer=stranger")).delete(WRITE)
                .then().statusCode(401).contentType(ContentType.JSON).body("detail", containsString("not accepted"));
    }

    @Test
    void theStaticTokenStillWorksBesideOidcAndReadsNeedNoToken() {
        given().auth().oauth2(TestTokens.OPERATOR).delete(WRITE).then().statusCode(404);
        given().auth().oauth2(TestTokens.VIEWER).delete(WRITE).then().statusCode(403);
        given().get(WRITE).then().statusCode(404);
    }

    private String token(String query) {
        return given().urlEncodingEnabled(false).get(issuer + "/token?" + query).then().statusCode(200).extract().path("access_token");
    }
}
