package dev.pledge.statestore;

/**
 * Opens writers for one kind of state store. Each kind is one CDI bean implementing this; the
 * {@link StateStoreWriters} registry finds it by {@link #kind()}, so adding a kind changes no controller.
 */
public interface StateStoreWriterFactory {

    /** The kind this factory serves, spelled as the Destination's {@code stateStoreRef.kind}. */
    String kind();

    /** Opens a writer; fails with a one-line reason when the definition or its Secret is unusable. */
    StateStoreWriter open(StateStoreDefinition definition) throws StateStoreException;
}
