package dev.pledge.statestore;

import dev.pledge.api.DestinationSpec.FilepathMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The rule "a file in a state store has one owner", as pure Java. In {@code nestedByMetadata} a placement holds
 * its whole directory; in {@code none} it holds each file it writes; {@code aggregatedYAML} has one file built from
 * every placement, so nothing in it is held by one of them.
 *
 * <p>Upstream's directory for a Promise's dependencies has no namespace in it, and two Works in one namespace can
 * name the same Promise and resource, so the path alone cannot tell two placements apart. The WorkPlacement
 * objects are the ownership record: of the placements whose paths overlap, the owner is the one that has written
 * its files, then the oldest, then the first by namespace and name. Every other one is refused and writes nothing;
 * removing one of them never deletes the owner's files.
 */
public final class FileOwnership {

    /** A path {@code claim} wants that {@code owner} holds. */
    public record Conflict(String path, PlacementClaim owner) {

        /** One line for a condition: which file, which Destination, and which placement holds it. */
        public String describe(PlacementClaim refused) {
            return "state store path '" + path + "' of Destination '" + refused.destination().name()
                    + "' belongs to WorkPlacement " + owner.id().displayName() + " (Promise '"
                    + owner.id().promise() + "'" + (owner.id().isResource() ? ", resource '" + owner.id().resource()
                            + "'" : "") + "); WorkPlacement " + refused.id().displayName()
                    + " wrote nothing. Rename the Work or its workloads, or delete one of the two";
        }
    }

    private static final Comparator<PlacementClaim> PRECEDENCE = Comparator
            .comparing((PlacementClaim c) -> !c.written())
            .thenComparing(PlacementClaim::created, Comparator.nullsLast(Comparator.<Instant>naturalOrder()))
            .thenComparing(c -> c.id().namespace())
            .thenComparing(c -> c.id().name());

    private FileOwnership() {
    }

    /**
     * The first path {@code claim} wants that a placement ahead of it holds, or empty when it may write. Claims of
     * other Destinations are ignored; paths {@code claim} cannot even compute (unsafe ones) are left to the
     * writer's own checks.
     */
    public static Optional<Conflict> conflict(PlacementClaim claim, Collection<PlacementClaim> others) {
        List<String> wanted = pathsOf(claim);
        for (PlacementClaim other : ahead(claim, others)) {
            Optional<String> overlap = overlap(wanted, pathsOf(other), claim.destination().mode());
            if (overlap.isPresent()) {
                return Optional.of(new Conflict(overlap.get(), other));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether removing {@code claim}'s files would delete files another placement has written: then the removal
     * must leave them. Only placements that have written count; one that was refused holds nothing yet.
     */
    public static Optional<Conflict> sharedWithWrittenPlacement(PlacementClaim claim,
            Collection<PlacementClaim> others) {
        List<String> wanted = pathsOf(claim);
        for (PlacementClaim other : others) {
            if (other.written() && !other.isSamePlacement(claim)
                    && other.destination().name().equals(claim.destination().name())) {
                Optional<String> overlap = overlap(wanted, pathsOf(other), claim.destination().mode());
                if (overlap.isPresent()) {
                    return Optional.of(new Conflict(overlap.get(), other));
                }
            }
        }
        return Optional.empty();
    }

    private static List<PlacementClaim> ahead(PlacementClaim claim, Collection<PlacementClaim> others) {
        List<PlacementClaim> ahead = new ArrayList<>();
        for (PlacementClaim other : others) {
            if (!other.isSamePlacement(claim) && other.destination().name().equals(claim.destination().name())
                    && PRECEDENCE.compare(other, claim) < 0) {
                ahead.add(other);
            }
        }
        ahead.sort(PRECEDENCE);
        return ahead;
    }

    /** Store paths a placement holds: its directory (nested), its files (none), nothing (aggregated). */
    static List<String> pathsOf(PlacementClaim claim) {
        try {
            return switch (claim.destination().mode()) {
                case nestedByMetadata -> List.of(StateStoreLayout.placementDirectory(claim.destination(), claim.id()));
                case none -> {
                    List<String> files = new ArrayList<>();
                    for (String path : claim.workloadPaths()) {
                        files.add(StateStoreLayout.within(claim.destination(), path, () -> path));
                    }
                    yield files;
                }
                case aggregatedYAML -> List.of();
            };
        } catch (UnsafePathException e) {
            return List.of();
        }
    }

    private static Optional<String> overlap(List<String> wanted, List<String> held, FilepathMode mode) {
        for (String path : wanted) {
            for (String other : held) {
                boolean overlaps = mode == FilepathMode.nestedByMetadata
                        ? StateStoreLayout.isInside(path, other) || StateStoreLayout.isInside(other, path)
                        : path.equals(other);
                if (overlaps) {
                    return Optional.of(other);
                }
            }
        }
        return Optional.empty();
    }
}
