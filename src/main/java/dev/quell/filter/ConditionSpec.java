package dev.quell.filter;

import java.util.List;

/**
 * One filter condition exactly as received through the API, before validation: any component may be null or
 * malformed until {@link Filter#compile} has accepted it.
 */
public record ConditionSpec(String key, String oper, List<String> vals) {
}
