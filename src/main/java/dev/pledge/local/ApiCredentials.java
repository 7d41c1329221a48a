package dev.pledge.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * The secrets a local API server needs, made once and kept in the platform's folder so that a restart (and any
 * kubeconfig written before it) keeps working:
 * <ul>
 *   <li>an admin bearer token in a static token file, in group {@code system:masters}: the least machinery for
 *       client authentication (no client certificates to issue);</li>
 *   <li>an RSA key that signs and verifies service-account tokens (kube-apiserver refuses to start without
 *       one).</li>
 * </ul>
 * The serving certificate is not here: kube-apiserver writes a self-signed one into {@link #certDir()}.
 */
record ApiCredentials(Path dir, String token) {
    static final String ADMIN = "pledge-local-admin";

    static ApiCredentials in(Path dir) throws IOException, GeneralSecurityException {
        Path tokenFile = dir.resolve("admin.token");
        if (!Files.exists(tokenFile)) {
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            Files.writeString(tokenFile, HexFormat.of().formatHex(random));
        }
        String token = Files.readString(tokenFile).strip();
        Files.writeString(dir.resolve("tokens.csv"), token + "," + ADMIN + "," + ADMIN + ",\"system:masters\"\n");
        Path key = dir.resolve("service-account.key");
        if (!Files.exists(key)) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            String pem = "-----BEGIN PRIVATE KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                            .encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
            Files.writeString(key, pem);
        }
        return new ApiCredentials(dir, token);
    }

    Path tokenFile() {
        return dir.resolve("tokens.csv");
    }

    /** PEM PKCS#8; kube-apiserver reads the public half from the same file. */
    Path serviceAccountKey() {
        return dir.resolve("service-account.key");
    }

    Path certDir() {
        return dir;
    }

    /** Written by kube-apiserver on its first start: the serving certificate followed by the CA that signed it. */
    Path servingCertificate() {
        return dir.resolve("apiserver.crt");
    }
}
