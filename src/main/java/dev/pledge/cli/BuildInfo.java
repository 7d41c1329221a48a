package dev.pledge.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/**
 * What {@code pledge --version} prints: the version and the Git commit the binary was built from, read from
 * {@code dev/pledge/cli/build.properties}, which the build writes (src/main/build-info.sh).
 */
public final class BuildInfo implements IVersionProvider {
    static final String RESOURCE = "build.properties";
    private static final String UNKNOWN = "unknown";

    public record Build(String version, String commit, boolean dirty) {
        String line() {
            return "pledge " + version + " (commit " + commit + (dirty ? ", with uncommitted changes" : "") + ")";
        }
    }

    public static Build build() {
        Properties properties = new Properties();
        try (InputStream in = BuildInfo.class.getResourceAsStream(RESOURCE)) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Build(known(properties.getProperty("version")), known(properties.getProperty("commit")),
                Boolean.parseBoolean(properties.getProperty("dirty")));
    }

    /** A binary built without the build step (an IDE) has no file; say unknown. */
    private static String known(String value) {
        return value == null || value.isBlank() ? UNKNOWN : value;
    }

    @Override
    public String[] getVersion() {
        return new String[] {build().line()};
    }
}
