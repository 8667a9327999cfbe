package dev.runnel.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SignedRegionsTest {

    /** The rule as a regular expression (what the hand-written scan replaced), the oracle of the random test. */
    private static final Pattern SCOPE = Pattern.compile("Credential=[^/,\\s]+/\\d{8}/([^/,\\s]+)/");

    @Test
    void readsTheRegionOfTheCredentialScope() {
        assertThat(SignedRegions.credentialRegion("AWS4-HMAC-SHA256 Credential=AKID/20260101/eu-west-1/kinesis/"
                        + "aws4_request, SignedHeaders=host;x-amz-date, Signature=0000"))
                .isEqualTo("eu-west-1");
        assertThat(SignedRegions.credentialRegion("Credential=k/20260101/us-east-2/"))
                .isEqualTo("us-east-2");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "AWS4-HMAC-SHA256 SignedHeaders=host",
                "Credential=/20260101/us-east-1/",
                "Credential=k/2026010/us-east-1/",
                "Credential=k/2026010x/us-east-1/",
                "Credential=k/20260101//",
                "Credential=k/20260101/us-east-1",
                "Credential=k/20260101/us east/",
                "Credential=k,x/20260101/us-east-1/",
                "Credential=k/２０２６０１０１/us-east-1/"
            })
    void findsNoRegionWhereTheScopeIsMalformed(String authorization) {
        assertThat(SignedRegions.credentialRegion(authorization)).isNull();
    }

    @Test
    void takesTheFirstWellFormedScope() {
        assertThat(SignedRegions.credentialRegion(
                        "Credential=bad Credential=k/20260101/ap-south-1/ " + "Credential=k/20260101/us-west-2/"))
                .isEqualTo("ap-south-1");
    }

    @Test
    void agreesWithTheRegularExpressionOnRandomHeaders() {
        String[] pieces = {
            "Credential=",
            "Credential",
            "=",
            "/",
            ",",
            " ",
            "\t",
            "\n",
            "\u000B",
            "\f",
            "\r",
            "\u00A0",
            "2026",
            "0101",
            "12345678",
            "9",
            "us-east-1",
            "eu",
            "-",
            "AKID",
            "x",
            "é",
            "aws4_request",
            "kinesis"
        };
        Random random = new Random(21);
        int matched = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder header = new StringBuilder();
            for (int k = random.nextInt(14); k > 0; k--) {
                header.append(pieces[random.nextInt(pieces.length)]);
                if (random.nextInt(4) == 0) { // a scope whose parts may each be malformed
                    header.append("Credential=")
                            .append(pick(random, "AKID", "", "A B", "k,", "k"))
                            .append('/')
                            .append(pick(random, "20260101", "2026010", "2026010x", "202601011", "12345678"))
                            .append('/')
                            .append(pick(random, "us-east-1", "", "eu\twest", "x", "é"))
                            .append(pick(random, "/", "", ",", " /"));
                }
            }
            String text = header.toString();
            Matcher m = SCOPE.matcher(text);
            String expected = m.find() ? m.group(1) : null;
            assertThat(SignedRegions.credentialRegion(text)).as(text).isEqualTo(expected);
            if (expected != null) {
                matched++;
            }
        }
        assertThat(matched).as("random headers with a well-formed scope").isGreaterThan(1_000);
    }

    private static String pick(Random random, String... choices) {
        return choices[random.nextInt(choices.length)];
    }
}
