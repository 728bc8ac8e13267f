package dev.quell.engine;

import java.util.List;
import java.util.Map;

/**
 * One validated, normalised event as the engine sees it: already truncated, its title rendered, its key
 * derived when the sender gave none. Labels are an unmodifiable sorted map. {@code rewrites} names, in order, the
 * integration's enrichment and pipeline steps that changed it (e.g. {@code pipeline:7:2 title_reset}), so its stored
 * copy can say why it differs from what was pushed.
 */
public record AlertEvent(
        long integrationId,
        long channelId,
        String alertKey,
        Severity status,
        String titleRule,
        String title,
        String description,
        Map<String, String> labels,
        List<Image> images,
        long eventTime,
        List<String> rewrites) implements Input, AlertFields {

    /** An event as pushed, before any step changed it. */
    public AlertEvent(long integrationId, long channelId, String alertKey, Severity status, String titleRule,
                      String title, String description, Map<String, String> labels, List<Image> images,
                      long eventTime) {
        this(integrationId, channelId, alertKey, status, titleRule, title, description, labels, images, eventTime,
                List.of());
    }

    /** The same event delivered to a channel a shared integration's route chose. */
    public AlertEvent toChannel(long routedChannelId) {
        return new AlertEvent(integrationId, routedChannelId, alertKey, status, titleRule, title, description, labels,
                images, eventTime, rewrites);
    }

    /** This event as a step left it, the step named in {@link #rewrites}. */
    private AlertEvent rewritten(String step, String newTitle, String newDescription, Severity newStatus,
                                 Map<String, String> newLabels) {
        return rewritten(List.of(step), newTitle, newDescription, newStatus, newLabels);
    }

    /** This event as steps left it, the steps named in {@link #rewrites} in order. */
    private AlertEvent rewritten(List<String> steps, String newTitle, String newDescription, Severity newStatus,
                                 Map<String, String> newLabels) {
        List<String> trail = new java.util.ArrayList<>(rewrites);
        trail.addAll(steps);
        return new AlertEvent(integrationId, channelId, alertKey, newStatus, titleRule, newTitle, newDescription,
                newLabels, images, eventTime, List.copyOf(trail));
    }

    /** Filters read an event's status as its severity. */
    @Override
    public String severityName() {
        return status.name();
    }

    AlertEvent withTitle(String step, String newTitle) {
        return newTitle.equals(title) ? this : rewritten(step, newTitle, description, status, labels);
    }

    AlertEvent withDescription(String step, String newDescription) {
        return newDescription.equals(description) ? this : rewritten(step, title, newDescription, status, labels);
    }

    AlertEvent withLabels(List<String> steps, Map<String, String> newLabels) {
        return rewritten(steps, title, description, status, newLabels);
    }

    AlertEvent withStatus(String step, Severity newStatus) {
        return newStatus == status ? this : rewritten(step, title, description, newStatus, labels);
    }

    public AlertKey key() {
        return new AlertKey(channelId, integrationId, alertKey);
    }
}
