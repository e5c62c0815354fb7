package dev.suiteflow.gateway.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** API keys are stored and looked up by their SHA-256, never in clear. */
public final class ApiKeys {

    /** Longest key accepted; anything longer is refused before hashing. */
    public static final int MAX_KEY_LENGTH = 256;

    private ApiKeys() {
    }

    public static String hash(String key) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
