package dev.pledge.statestore;

import static dev.pledge.statestore.Placements.file;
import static dev.pledge.statestore.Placements.resource;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Collections;
import org.junit.jupiter.api.Test;

/** Names a state store must not receive, refused before any writer sees them, with the name shown escaped. */
class FileNamesTest {
    private final DestinationDirectory dev = DestinationDirectory.nested("dev", "clusters/dev");

    @Test
    void aFileNameWithANewlineIsRefusedBeforeItIsWrittenToGit() {
        assertThatThrownBy(() -> StateStoreLayout.placementFiles(resource(dev, "wp", "r", file("a\nb.yaml", "x"))))
                .isInstanceOf(UnsafePathException.class)
                .hasMessage("workload path 'a\\u000Ab.yaml' of placement default/wp (Destination 'dev') contains a "
                        + "control character (U+000A)");
    }

    @Test
    void aFileNameWithAUnicodeBidiOverrideIsRefusedBeforeItIsWrittenToGit() {
        assertThatThrownBy(() -> StateStoreLayout.placementFiles(resource(dev, "wp", "r",
                file("invoice\u202Elmy.yaml", "x"))))
                .isInstanceOf(UnsafePathException.class)
                .hasMessageContaining("'invoice\\u202Elmy.yaml'")
                .hasMessageEndingWith("contains a Unicode bidirectional control character (U+202E)");
        for (char bidi : new char[] {'\u200E', '\u200F', '\u061C', '\u202A', '\u2066', '\u2069'}) {
            assertThat(FileNames.problem("a" + bidi + ".yaml")).as("U+%04X", (int) bidi).isNotNull();
        }
    }

    @Test
    void overLongNamesAreRefusedBeforeTheWriteRatherThanFailingInIt() {
        String longest = "x".repeat(250) + ".yaml";
        assertThat(FileNames.problem("dir/" + longest)).isNull();
        assertThat(FileNames.problem("dir/y" + longest)).isEqualTo("has a name of 256 bytes; at most 255 are allowed");
        assertThat(FileNames.problem("dir/" + "é".repeat(128))).isEqualTo("has a name of 256 bytes; at most 255 are "
                + "allowed");
        String deep = String.join("/", Collections.nCopies(21, "d".repeat(200))) + "/a.yaml";
        assertThat(FileNames.problem(deep)).isEqualTo("is longer than 4096 bytes");
        assertThatThrownBy(() -> StateStoreLayout.placementFiles(resource(dev, "wp", "r", file("y" + longest, "x"))))
                .isInstanceOf(UnsafePathException.class).hasMessageEndingWith("has a name of 256 bytes; at most 255 "
                        + "are allowed");
    }

    @Test
    void ordinaryNamesInAnyScriptPass() {
        assertThat(FileNames.problem("namespaces/日本語/configmap-ü.yaml")).isNull();
        assertThat(FileNames.problem("a b/c-d_e.f.yaml")).isNull();
    }
}
