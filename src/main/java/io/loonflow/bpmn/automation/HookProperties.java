package io.loonflow.bpmn.automation;

import java.time.Duration;

import io.loonflow.bpmn.notice.StandardWebhookSigner;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of hook deliveries ({@code loonflow.hooks.*}). Retries and back-off are the engine's: see
 * {@code loonflow.bpmn.failed-job-retry-time-cycle}.
 *
 * @param connectTimeout   time allowed to open the connection to the hook target
 * @param requestTimeout   time allowed for the whole exchange, answer body included (loonflow: 10 s)
 * @param maxConcurrent    hook calls in flight at once in this node; a job finding none free fails at once and is
 *                         retried later by the engine, so a slow target cannot tie up every job thread
 * @param maxResponseBytes largest answer body read; a bigger one is a failure
 * @param standardWebhooksSecret optional {@code whsec_} secret: every hook call then also carries Standard Webhooks
 *                               headers signed with it (a hook whose {@code hook_token} is itself a {@code whsec_}
 *                               secret signs with its own)
 */
@ConfigurationProperties("loonflow.hooks")
public record HookProperties(@DefaultValue("10s") Duration connectTimeout,
                             @DefaultValue("10s") Duration requestTimeout,
                             @DefaultValue("8") int maxConcurrent,
                             @DefaultValue("1048576") int maxResponseBytes,
                             @DefaultValue("") String standardWebhooksSecret) {

    public HookProperties {
        if (connectTimeout.isNegative() || connectTimeout.isZero()) {
            throw new IllegalArgumentException("loonflow.hooks.connect-timeout must be positive");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("loonflow.hooks.request-timeout must be positive");
        }
        if (maxConcurrent < 1) {
            throw new IllegalArgumentException("loonflow.hooks.max-concurrent must be at least 1");
        }
        if (!standardWebhooksSecret.isEmpty() && !StandardWebhookSigner.isSecret(standardWebhooksSecret)) {
            // the value itself is a secret: never echo it
            throw new IllegalArgumentException("loonflow.hooks.standard-webhooks-secret must be whsec_ followed by"
                    + " base64 (or empty)");
        }
        if (maxResponseBytes < 1) {
            throw new IllegalArgumentException("loonflow.hooks.max-response-bytes must be at least 1");
        }
    }
}
