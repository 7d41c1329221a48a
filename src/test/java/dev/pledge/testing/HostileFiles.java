package dev.pledge.testing;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Files built to exhaust or confuse a YAML reader, written where a test needs them. */
public final class HostileFiles {
    /** The kinds {@link #write} knows. */
    public static final List<String> KINDS = List.of("self-alias", "alias-doubling", "100-MB", "binary");

    private HostileFiles() {
    }

    /**
     * {@code self-alias}: an alias inside itself; {@code alias-doubling}: 2.6 KB that would expand to 2^40 values;
     * {@code 100-MB}: a sparse file of 100 MiB; {@code binary}: bytes that are not UTF-8.
     */
    public static Path write(String kind, Path directory, String name) throws IOException {
        Files.createDirectories(directory);
        Path file = directory.resolve(name);
        switch (kind) {
            case "self-alias" -> Files.writeString(file, "a: &r [*r]\n");
            case "alias-doubling" -> Files.writeString(file, aliasDoubling());
            case "100-MB" -> {
                try (RandomAccessFile huge = new RandomAccessFile(file.toFile(), "rw")) {
                    huge.setLength(100L * 1024 * 1024);
                }
            }
            case "binary" -> Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1, 2, (byte) 0xc3, 0x7f});
            default -> throw new IllegalArgumentException(kind);
        }
        return file;
    }

    public static String aliasDoubling() {
        StringBuilder yaml = new StringBuilder("l0: &l0 [x, x]\n");
        for (int i = 1; i <= 40; i++) {
            yaml.append("l").append(i).append(": &l").append(i).append(" [*l").append(i - 1).append(", *l")
                    .append(i - 1).append("]\n");
        }
        return yaml.toString();
    }
}
