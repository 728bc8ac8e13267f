package dev.quell.engine;

import dev.quell.filter.Filter;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Where a shared integration's events go ({@code /route/*}): cases tried in order, each sending the events its filter
 * matches to its channels and, unless it {@code fallthrough}s, ending the search; events no case takes go to the
 * default channels. An event that ends with no channel is refused.
 */
public record Route(long integrationId, List<Case> cases, List<Long> defaultChannels, long createdAt,
                    long updatedAt) {

    public record Case(Filter filter, List<Long> channelIds, boolean fallthrough) {
        public Case {
            channelIds = List.copyOf(channelIds);
        }
    }

    public Route {
        cases = List.copyOf(cases);
        defaultChannels = List.copyOf(defaultChannels);
    }

    /**
     * The channels the event goes to, each once, in the order the cases name them; empty when none takes it. A
     * recovery goes to every channel the route names: the cases that sent its triggers may have tested fields (a
     * severity, say) the recovery no longer has, and a channel with no such alert ignores it.
     */
    public List<Long> channelsFor(AlertEvent event) {
        Set<Long> channels = new LinkedHashSet<>();
        if (!event.status().isTrigger()) {
            cases.forEach(routeCase -> channels.addAll(routeCase.channelIds()));
            channels.addAll(defaultChannels);
            return List.copyOf(channels);
        }
        boolean matched = false;
        for (Case routeCase : cases) {
            if (routeCase.filter().matches(event)) {
                matched = true;
                channels.addAll(routeCase.channelIds());
                if (!routeCase.fallthrough()) {
                    break;
                }
            }
        }
        if (!matched) {
            channels.addAll(defaultChannels);
        }
        return List.copyOf(channels);
    }
}
