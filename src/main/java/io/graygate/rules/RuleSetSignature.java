package io.graygate.rules;


import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.util.Base64;

/**
 * Signs and verifies a rule set. The signature is over the rule set's SHA-256 (its 64 lowercase hex
 * characters in ASCII), which covers every .drl file's name and content; it is stored base64-encoded in a
 * detached file {@value #FILE} in the rules directory (not a .drl file, so not part of the SHA-256).
 */
public final class RuleSetSignature {
    public static final String FILE = "ruleset.sig";

    private RuleSetSignature() {
    }

    /** Signs the rule set and writes {@value #FILE} into its directory; returns the file written. */
    public static Path sign(RuleSet rules, Path rulesDir, PrivateKey key) {
        try {
            Signature signer = Signature.getInstance(algorithm(key));
            signer.initSign(key);
            signer.update(payload(rules));
            Path file = rulesDir.resolve(FILE);
            Files.writeString(file, Base64.getEncoder().encodeToString(signer.sign()) + "\n", StandardCharsets.US_ASCII);
            return file;
        } catch (GeneralSecurityException e) {
            throw new RuleSignatureException("cannot sign with this key: " + e.getMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + rulesDir.resolve(FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Refuses (with a message saying why) a rule set without a signature or whose signature does not verify. */
    public static void verify(RuleSet rules, Path rulesDir, PublicKey key) {
        Path file = rulesDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new RuleSignatureException("rule set " + rules.sha256() + " is not signed: " + file + " is missing "
                    + "(a public key is configured, so only signed rules are used; sign with: graygate rules sign --private-key FILE)");
        }
        if (!matches(rules, read(file), key)) {
            throw new RuleSignatureException("rule set " + rules.sha256() + ": the signature in " + file + " does not verify "
                    + "with the configured public key (the rules changed after signing, or another key signed them)");
        }
    }

    private static boolean matches(RuleSet rules, byte[] signature, PublicKey key) {
        try {
            Signature verifier = Signature.getInstance(algorithm(key));
            verifier.initVerify(key);
            verifier.update(payload(rules));
            return verifier.verify(signature);
        } catch (java.security.SignatureException e) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new RuleSignatureException("cannot verify with this key: " + e.getMessage(), e);
        }
    }

    private static byte[] read(Path file) {
        try {
            return Base64.getMimeDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new RuleSignatureException(file + " is not base64", e);
        }
    }

    private static byte[] payload(RuleSet rules) {
        return rules.sha256().getBytes(StandardCharsets.US_ASCII);
    }

    static String algorithm(Key key) {
        return switch (key.getAlgorithm()) {
            case "Ed25519", "EdDSA" -> "Ed25519";
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            default -> throw new RuleSignatureException("unsupported key algorithm " + key.getAlgorithm());
        };
    }
}
