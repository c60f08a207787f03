package dev.lacy.sim.coppeliasim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;

/** A module the server exposes ({@code sim}, {@code simIK}): its functions and constants, as {@code zmqRemoteApi.info} lists them. */
public record RemoteModule(String name, Set<String> functions, Map<String, JsonNode> constants) {

    public RemoteModule {
        functions = Set.copyOf(functions);
        constants = Map.copyOf(constants);
    }

    /** An integer constant, e.g. {@code handle_world}; a clear error when the server lacks it. */
    public int intConstant(String constant) {
        JsonNode value = constants.get(constant);
        if (value == null || !value.canConvertToInt()) {
            throw new RemoteApiException("CoppeliaSim's " + name + " module has no integer constant '" + constant
                    + "' (is CoppeliaSim older than 4.6?)");
        }
        return value.asInt();
    }
}
