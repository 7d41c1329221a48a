package dev.pledge.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The Promise files tests read. Our own corpus ({@code src/test/resources/promises}) covers the shapes real
 * Promises take and is all the default suite needs. The Kratix marketplace corpus lives outside the repository;
 * tests tagged {@value #MARKETPLACE} read it and run only in the {@code marketplace} Maven profile, which fails
 * them loudly when the corpus is not there.
 */
public final class PromiseCorpus {
    /** The JUnit tag of tests that read the marketplace corpus. */
    public static final String MARKETPLACE = "marketplace";

    private PromiseCorpus() {
    }

    /** Our own Promise files: APIs, dependencies, multi-pipeline workflows, required Promises, odd apiVersions. */
    public static Path own() {
        return Path.of("src/test/resources/promises");
    }

    public static Path own(String file) {
        return own().resolve(file);
    }

    /**
     * The marketplace Promises, from the folder the build names (pom.xml's {@code marketplaceDir}); throws (never
     * skips) when it is not set or holds no Promise.
     */
    public static Path marketplace() {
        String configured = System.getProperty("test.pledge.marketplace");
        if (configured == null) {
            throw new IllegalStateException("the Kratix marketplace corpus is not configured: run with -Pmarketplace"
                    + " (and -DmarketplaceDir=DIR if it is not beside the repository)");
        }
        Path dir = Path.of(configured);
        if (!Files.isDirectory(dir) || files(dir).isEmpty()) {
            throw new IllegalStateException("the Kratix marketplace corpus is missing: no Promise files in "
                    + dir.toAbsolutePath().normalize() + " (tests tagged '" + MARKETPLACE + "' need it; set"
                    + " -DmarketplaceDir=DIR or run without -Pmarketplace)");
        }
        return dir;
    }

    public static Path marketplace(String file) {
        return marketplace().resolve(file);
    }

    /** Every {@code *.yaml} file directly in {@code dir}, sorted. */
    public static List<Path> files(Path dir) {
        try (Stream<Path> list = Files.list(dir)) {
            return list.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
