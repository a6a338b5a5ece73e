package io.loonflow.bpmn.notice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StandardWebhookSignerTest {

    /** The example of the Standard Webhooks specification and its reference libraries. */
    @Test
    void signsTheSpecificationExample() {
        StandardWebhookSigner signer = new StandardWebhookSigner("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        assertThat(signer.signature("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"))
                .isEqualTo("v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
        assertThat(signer.headers("msg_p5jXN8AQM9LWM0D4loKWxJek", 1614265330L, "{\"test\": 2432232314}"))
                .containsEntry("webhook-id", "msg_p5jXN8AQM9LWM0D4loKWxJek")
                .containsEntry("webhook-timestamp", "1614265330")
                .containsEntry("webhook-signature", "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=");
    }

    @Test
    void recognisesSecrets() {
        assertThat(StandardWebhookSigner.isSecret("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isTrue();
        assertThat(StandardWebhookSigner.isSecret("whsec_")).isFalse();
        assertThat(StandardWebhookSigner.isSecret("whsec_not base64!")).isFalse();
        assertThat(StandardWebhookSigner.isSecret("plain-loonflow-token")).isFalse();
    }
}
