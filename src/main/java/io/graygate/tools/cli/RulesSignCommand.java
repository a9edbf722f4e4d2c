package io.graygate.tools.cli;

import io.graygate.rules.RuleSet;
import io.graygate.rules.PemKeys;
import io.graygate.rules.RuleSetSignature;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.nio.file.Path;
import java.util.concurrent.Callable;

@Command(mixinStandardHelpOptions = true, name = "sign", description = {"Compile the rules and sign the rule set's SHA-256 with a private key",
        "(PEM, PKCS#8: Ed25519, RSA or EC); writes the base64 signature to rules/ruleset.sig."})
final class RulesSignCommand implements Callable<Integer> {
    @Mixin
    CommonOptions common;

    @Spec
    CommandSpec spec;

    @Option(names = "--private-key", required = true, paramLabel = "PEM", description = "the signing key")
    Path privateKey;

    @Override
    public Integer call() {
        RuleSet rules = common.rules();
        Path file = RuleSetSignature.sign(rules, common.rulesDir(), PemKeys.readPrivate(privateKey));
        spec.commandLine().getOut().println("signed rule set " + rules.sha256() + " (" + rules.files().size()
                + " files); signature written to " + file);
        return 0;
    }
}
