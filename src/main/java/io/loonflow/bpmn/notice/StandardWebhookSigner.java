package io.loonflow.bpmn.notice;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing (https://www.standardwebhooks.com): {@code webhook-id}, {@code webhook-timestamp}
 * (epoch seconds) and {@code webhook-signature: v1,<base64 HMAC-SHA256 of "{id}.{timestamp}.{body}">}. The secret
 * is written {@code whsec_<base64 key>}; the key is the base64-decoded part (a secret without the prefix is used
 * as raw UTF-8 bytes). Shared by the notice dispatcher and the hook sender.
 */
public final class StandardWebhookSigner {

    /** The prefix that marks a Standard Webhooks secret. */
    public static final String SECRET_PREFIX = "whsec_";

    private final byte[] key;

    public StandardWebhookSigner(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("a Standard Webhooks secret must not be empty");
        }
        this.key = secret.startsWith(SECRET_PREFIX)
                ? Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()))
                : secret.getBytes(StandardCharsets.UTF_8);
        if (key.length == 0) {
            throw new IllegalArgumentException("a Standard Webhooks secret must not be empty");
        }
    }

    /** Whether {@code secret} is a well-formed {@code whsec_} secret (prefix plus non-empty base64). */
    public static boolean isSecret(String secret) {
        if (secret == null || !secret.startsWith(SECRET_PREFIX) || secret.length() == SECRET_PREFIX.length()) {
            return false;
        }
        try {
            Base64.getDecoder().decode(secret.substring(SECRET_PREFIX.length()));
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code v1,<base64 signature>} of the message. */
    public String signature(String messageId, long timestampSeconds, String body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal((messageId + "." + timestampSeconds + "." + body)
                    .getBytes(StandardCharsets.UTF_8));
            return "v1," + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    /** The three headers, in the order the standard lists them. */
    public Map<String, String> headers(String messageId, long timestampSeconds, String body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("webhook-id", messageId);
        headers.put("webhook-timestamp", String.valueOf(timestampSeconds));
        headers.put("webhook-signature", signature(messageId, timestampSeconds, body));
        return headers;
    }
}
