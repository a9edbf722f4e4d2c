package io.graygate.rules;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.spec.KeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Reads PEM keys with the JDK alone: public keys as {@code -----BEGIN PUBLIC KEY-----} (X.509
 * SubjectPublicKeyInfo), private keys as {@code -----BEGIN PRIVATE KEY-----} (PKCS#8), as
 * {@code openssl genpkey} writes them. Ed25519, RSA and EC keys are accepted.
 */
public final class PemKeys {
    private static final List<String> ALGORITHMS = List.of("Ed25519", "RSA", "EC");

    private PemKeys() {
    }

    public static PublicKey readPublic(Path file) {
        return read(file, "PUBLIC KEY", X509EncodedKeySpec::new, (factory, spec) -> factory.generatePublic(spec));
    }

    public static PrivateKey readPrivate(Path file) {
        return read(file, "PRIVATE KEY", PKCS8EncodedKeySpec::new, (factory, spec) -> factory.generatePrivate(spec));
    }

    /** PEM text for a key, as written by {@code openssl}: 64-character base64 lines between the markers. */
    public static String pem(Key key) {
        String label = key instanceof PublicKey ? "PUBLIC KEY" : "PRIVATE KEY";
        String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(key.getEncoded());
        return "-----BEGIN " + label + "-----\n" + body + "\n-----END " + label + "-----\n";
    }

    private interface Generator<K> {
        K generate(KeyFactory factory, KeySpec spec) throws GeneralSecurityException;
    }

    private static <K> K read(Path file, String label, Function<byte[], KeySpec> specOf, Generator<K> generator) {
        KeySpec spec = specOf.apply(der(file, label));
        for (String algorithm : ALGORITHMS) {
            try {
                return generator.generate(KeyFactory.getInstance(algorithm), spec);
            } catch (GeneralSecurityException e) {
                // not a key of this algorithm; try the next
            }
        }
        throw new RuleSignatureException(file + ": not an Ed25519, RSA or EC " + label.toLowerCase(java.util.Locale.ROOT));
    }

    private static byte[] der(Path file, String label) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new RuleSignatureException("cannot read key " + file + ": " + e.getMessage(), e);
        }
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new RuleSignatureException(file + ": expected a PEM block '" + begin + "'");
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new RuleSignatureException(file + ": the PEM block is not valid base64", e);
        }
    }
}
