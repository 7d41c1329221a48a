package dev.pledge.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pledge.scheduling.Decision;
import dev.pledge.scheduling.Mode;
import java.util.Collection;

/**
 * {@code plan}'s JSON, whose fields are fixed by SCOPE.md: work, directory, mode, selector, destinations (targets
 * for {@code all}, candidates for {@code one}) and orphaned. Extra fields: the group id, its files, and for
 * {@code one} the Destination the request already stays on ({@code kept}).
 */
final class PlanJson {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanJson() {
    }

    static String render(Plan plan) {
        ObjectNode root = JSON.createObjectNode();
        ArrayNode groups = root.putArray("groups");
        for (Plan.Group group : plan.groups()) {
            Decision decision = group.decision();
            ObjectNode node = groups.addObject();
            node.put("work", decision.work().wireName());
            node.put("directory", decision.group().directory());
            node.put("mode", decision.mode().wireName());
            ObjectNode selector = node.putObject("selector");
            decision.selector().matchLabels().forEach(selector::put);
            strings(node.putArray("destinations"), decision.candidates());
            strings(node.putArray("orphaned"), decision.orphaned());
            node.put("id", decision.group().id());
            if (decision.mode() == Mode.ONE) {
                strings(node.putArray("kept"), decision.targets().stream().filter(group.placedOn()::contains).toList());
            }
            strings(node.putArray("files"), decision.group().files());
        }
        try {
            return JSON.writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree of strings always serialises", e);
        }
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }
}
