package dev.lacy.sim.coppeliasim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Requests as a client would send them, to drive a scene double directly (as the user at CoppeliaSim's window would). */
final class RemoteApiPeerTestDoubleRequests {

    private RemoteApiPeerTestDoubleRequests() {
    }

    static JsonNode call(String function, Object... args) {
        var mapper = new ObjectMapper();
        ObjectNode node = mapper.createObjectNode().put("func", function);
        node.set("args", mapper.valueToTree(args));
        return node;
    }
}
