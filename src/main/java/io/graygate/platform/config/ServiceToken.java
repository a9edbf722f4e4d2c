package io.graygate.platform.config;

/** A bearer token of the service: its name (written into the audit), role, and SHA-256 (hex) of the secret. */
public record ServiceToken(String name, Role role, String sha256) {
    @Override
    public String toString() {
        return "ServiceToken[" + name + ", " + role + "]";
    }
}
