package io.graygate.rules;

import io.graygate.testing.History;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Signed rule sets: accepted when the signature verifies, refused unsigned, tampered or signed by another key. */
class RuleSetSignatureTest {
    @TempDir
    Path dir;

    private Path rules;
    private KeyPair keys;
    private Path publicKey;
    private Path privateKey;

    @BeforeEach
    void setUp() throws IOException, GeneralSecurityException {
        rules = History.rulesWith(dir, "$m.p99() <= 100, ", "$m.p99() <= 100, ");
        keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        publicKey = write("public.pem", PemKeys.pem(keys.getPublic()));
        privateKey = write("private.pem", PemKeys.pem(keys.getPrivate()));
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Ed25519", "RSA", "EC"})
    void aSignedRuleSetIsAccepted(String algorithm) throws Exception {
        KeyPair pair = KeyPairGenerator.getInstance(algorithm).generateKeyPair();
        Path pub = write("pub-" + algorithm + ".pem", PemKeys.pem(pair.getPublic()));
        Path priv = write("priv-" + algorithm + ".pem", PemKeys.pem(pair.getPrivate()));
        RuleSet set = RuleLoader.load(rules);

        Path sig = RuleSetSignature.sign(set, rules, PemKeys.readPrivate(priv));

        assertThat(sig).isEqualTo(rules.resolve("ruleset.sig"));
        assertThatCode(() -> RuleSetSignature.verify(RuleLoader.load(rules), rules, PemKeys.readPublic(pub)))
                .doesNotThrowAnyException();
        assertThat(RuleLoader.load(rules).sha256()).as("the signature file is not part of the rule set").isEqualTo(set.sha256());
    }

    @Test
    void anUnsignedRuleSetIsRefused() {
        assertThatThrownBy(() -> RuleSetSignature.verify(RuleLoader.load(rules), rules, PemKeys.readPublic(publicKey)))
                .isInstanceOf(RuleSignatureException.class)
                .hasMessageContaining("is not signed").hasMessageContaining("ruleset.sig is missing");
    }

    @Test
    void aRuleFileChangedAfterSigningIsRefused() throws IOException {
        RuleSetSignature.sign(RuleLoader.load(rules), rules, PemKeys.readPrivate(privateKey));
        Path gates = rules.resolve("gates.drl");
        Files.writeString(gates, Files.readString(gates).replace("$m.p99() <= 100, ", "$m.p99() <= 1000, "));

        assertThatThrownBy(() -> RuleSetSignature.verify(RuleLoader.load(rules), rules, PemKeys.readPublic(publicKey)))
                .isInstanceOf(RuleSignatureException.class).hasMessageContaining("does not verify");
    }

    @Test
    void aSignatureByAnotherKeyIsRefused() throws Exception {
        KeyPair other = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        RuleSetSignature.sign(RuleLoader.load(rules), rules, other.getPrivate());

        assertThatThrownBy(() -> RuleSetSignature.verify(RuleLoader.load(rules), rules, PemKeys.readPublic(publicKey)))
                .isInstanceOf(RuleSignatureException.class).hasMessageContaining("does not verify");
    }

    @Test
    void theCliSignsAndEvaluateRefusesUnsignedRulesBeforeTouchingTheDatabase() throws IOException {
        String[] evaluate = {"evaluate", "--stage", "gray_10pct", "--as-of", "2026-01-10", "--rules", rules.toString(),
                "--public-key", publicKey.toString(), "--db-url", "jdbc:postgresql://127.0.0.1:1/none"};

        History.Cli unsigned = History.run(evaluate);
        assertThat(unsigned.status()).isEqualTo(2);
        assertThat(unsigned.err()).contains("is not signed").doesNotContain("--verbose");

        History.Cli sign = History.run("rules", "sign", "--rules", rules.toString(), "--private-key", privateKey.toString());
        assertThat(sign.status()).as(sign.err()).isZero();
        assertThat(sign.out()).contains("signed rule set " + RuleLoader.load(rules).sha256());
        assertThat(Files.readString(rules.resolve("ruleset.sig")).strip()).isBase64();

        History.Cli signed = History.run(evaluate);
        assertThat(signed.status()).isEqualTo(2);
        assertThat(signed.err()).as("past the signature check, it fails on the unreachable database")
                .doesNotContain("signed", "signature");
    }

    @Test
    void aFileThatIsNotAPemKeyIsRefused() throws IOException {
        Path bad = write("bad.pem", "hello");
        assertThatThrownBy(() -> PemKeys.readPublic(bad)).isInstanceOf(RuleSignatureException.class)
                .hasMessageContaining("expected a PEM block '-----BEGIN PUBLIC KEY-----'");
    }
}
