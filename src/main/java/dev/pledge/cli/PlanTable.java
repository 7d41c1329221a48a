package dev.pledge.cli;

import dev.pledge.scheduling.Decision;
import dev.pledge.scheduling.DestinationView;
import dev.pledge.scheduling.Mode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@code plan --output table}: per group, every Destination, whether it matched and why (not).
 *
 * <pre>
 * resource-workflow .  mode=one  selector: environment=dev
 *   DESTINATION  MATCHED  DECISION   WHY
 *   dev-1        yes      candidate  matches every selector label; one candidate is picked at random
 *   prod         no       -          missing label environment=dev (has environment=prod)
 * </pre>
 */
final class PlanTable {
    private static final List<String> HEADER = List.of("DESTINATION", "MATCHED", "DECISION", "WHY");

    private PlanTable() {
    }

    static String render(Plan plan) {
        StringBuilder text = new StringBuilder();
        if (plan.groups().isEmpty()) {
            text.append("nothing to schedule: the Promise has no dependencies and no workflow output was given\n");
        }
        for (Plan.Group group : plan.groups()) {
            Decision decision = group.decision();
            if (!text.isEmpty()) {
                text.append('\n');
            }
            text.append(decision.work().wireName()).append(' ').append(decision.group().directory())
                    .append("  mode=").append(decision.mode().wireName())
                    .append("  selector: ").append(decision.selector().isEmpty() ? "(none)" : decision.selector())
                    .append("  files: ").append(decision.group().files().size()).append('\n');
            List<List<String>> rows = new ArrayList<>();
            rows.add(HEADER);
            for (DestinationView destination : plan.destinations().destinations()) {
                rows.add(row(group, destination.name(), Optional.of(destination)));
            }
            for (String orphan : decision.orphaned()) {
                if (plan.destinations().destination(orphan).isEmpty()) {
                    rows.add(row(group, orphan, Optional.empty()));
                }
            }
            if (rows.size() == 1) {
                text.append("  (no Destinations in the input)\n");
            } else {
                appendAligned(text, rows);
            }
        }
        return text.toString();
    }

    private static List<String> row(Plan.Group group, String name, Optional<DestinationView> destination) {
        Decision decision = group.decision();
        Optional<String> mismatch = destination.map(d -> decision.selector().mismatch(d))
                .orElse(Optional.of("not among the input Destinations"));
        String matched = mismatch.isEmpty() ? "yes" : "no";
        String why = mismatch.orElse(decision.selector().isEmpty()
                ? "the work has no selector and the Destination is not strict"
                : "matches every selector label");
        if (decision.orphaned().contains(name)) {
            String reason = mismatch.isPresent() ? why
                    : "the request already stays on " + String.join(", ", decision.targets());
            return List.of(name, matched, "orphaned", "holds a placement that is no longer targeted: " + reason);
        }
        if (mismatch.isPresent()) {
            return List.of(name, matched, "-", why);
        }
        if (decision.mode() == Mode.ALL) {
            return List.of(name, matched, "target", why);
        }
        if (group.placedOn().contains(name)) {
            return List.of(name, matched, "kept", "holds the request's placement and still matches");
        }
        if (!group.placedOn().isEmpty()) {
            String placed = decision.targets().isEmpty() ? String.join(", ", group.placedOn())
                    : String.join(", ", decision.targets());
            return List.of(name, matched, "candidate", why + "; unused: the request stays on " + placed
                    + " (resource placements never move)");
        }
        return List.of(name, matched, "candidate", why + "; one candidate is picked at random");
    }

    private static void appendAligned(StringBuilder text, List<List<String>> rows) {
        int[] widths = new int[HEADER.size()];
        for (List<String> row : rows) {
            for (int column = 0; column < row.size(); column++) {
                widths[column] = Math.max(widths[column], row.get(column).length());
            }
        }
        for (List<String> row : rows) {
            StringBuilder line = new StringBuilder("  ");
            for (int column = 0; column < row.size(); column++) {
                String cell = row.get(column);
                line.append(column == row.size() - 1 ? cell : cell + " ".repeat(widths[column] - cell.length() + 2));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
    }
}
