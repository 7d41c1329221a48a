package dev.pledge.statestore.local;

import dev.pledge.statestore.DirectoryTree;
import dev.pledge.statestore.StateStoreDefinition;
import dev.pledge.statestore.StateStoreException;
import dev.pledge.statestore.StateStoreLayout;
import dev.pledge.statestore.StateStoreWriter;
import dev.pledge.statestore.StateStoreWriterFactory;
import io.quarkus.arc.Unremovable;
import jakarta.enterprise.context.ApplicationScoped;

/** The {@code LocalDirectory} kind: a third kind of store added without touching anything else. */
@ApplicationScoped
@Unremovable
public class LocalDirectoryWriterFactory implements StateStoreWriterFactory {
    public static final String KIND = "LocalDirectory";

    @Override
    public String kind() {
        return KIND;
    }

    @Override
    public StateStoreWriter open(StateStoreDefinition definition) throws StateStoreException {
        LocalDirectorySpec spec = definition.spec(LocalDirectorySpec.class);
        String root = StateStoreLayout.storeRoot(spec.path());
        return new LocalDirectoryWriter(definition.displayName(),
                new DirectoryTree(root.isEmpty() ? spec.directory() : spec.directory().resolve(root)));
    }
}
