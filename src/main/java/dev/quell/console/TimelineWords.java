package dev.quell.console;

import dev.quell.engine.TimelineEntry;

import java.util.Map;

/** Every timeline entry type in words, with the details that explain it (why an alert joined, which rule acted). */
public final class TimelineWords {
    private static final java.util.regex.Pattern REWRITE_STEP =
            java.util.regex.Pattern.compile("(pipeline|enrichment):\\d+:(\\d+) (\\w+)");

    private TimelineWords() {
    }

    public static String describe(TimelineEntry entry) {
        Map<String, String> d = entry.detail();
        return switch (entry.type()) {
            case "i_new" -> d.containsKey("alert_id") ? "Opened by alert " + d.get("alert_id")
                    + grouping(d) : "Created by hand";
            case "i_ack" -> "Acknowledged";
            case "i_unack" -> "Acknowledgement withdrawn";
            case "i_rslv" -> "autorslv".equals(d.get("from"))
                    ? "Closed automatically: no new alert within the channel's auto-resolve timeout"
                    : "Resolved" + notes(d, "root_cause", "Root cause") + notes(d, "resolution", "Resolution");
            case "i_reopen" -> "Reopened" + notes(d, "reason", "Reason");
            case "i_snooze" -> d.containsKey("minutes") ? "Snoozed for " + d.get("minutes") + " minutes"
                    : "Snoozed";
            case "i_wake" -> TimelineEntry.SYSTEM.equals(entry.actor()) ? "Snooze ran out; back to Triggered"
                    : "Woken from snooze";
            case "i_comm" -> "Commented: " + d.getOrDefault("comment", "");
            case "i_merge" -> d.containsKey("target_incident") ? "Merged into incident " + d.get("target_incident")
                    : "Took in the alerts of " + d.getOrDefault("source_incidents", "other incidents")
                    + notes(d, "comment", "Comment");
            case "i_r_title" -> "Title changed" + change(d);
            case "i_r_desc" -> "Description changed";
            case "i_r_severity" -> "Severity changed" + change(d);
            case "i_r_rc" -> "Root cause changed";
            case "i_r_rsltn" -> "Resolution changed";
            case "i_storm" -> "Alert storm: " + d.getOrDefault("alert_cnt", "?") + " alerts reached the threshold of "
                    + d.getOrDefault("threshold", "?");
            case "i_m_flapping" -> "Flapping: more than " + d.getOrDefault("max_changes", "?") + " status changes in "
                    + d.getOrDefault("in_mins", "?") + " minutes"
                    + ("0".equals(d.getOrDefault("mute_mins", "0")) ? "" : "; notifications muted for "
                    + d.get("mute_mins") + " minutes");
            case "a_new" -> "First event: " + d.getOrDefault("status", "?") + rewrites(d);
            case "a_update" -> "Changed by a new event: now " + d.getOrDefault("status", "?") + rewrites(d);
            case "a_close" -> "Closed: status Ok" + rewrites(d);
            case "a_merge" -> "Alert " + d.getOrDefault("alert_id", "?") + " joined" + why(d);
            case "a_m_silence" -> "Alert " + d.getOrDefault("alert_id", "?") + " silenced by rule "
                    + d.getOrDefault("rule_name", d.getOrDefault("rule_id", "?"));
            case "a_m_inhibit" -> "Alert " + d.getOrDefault("alert_id", "?") + " inhibited by rule "
                    + d.getOrDefault("rule_name", d.getOrDefault("rule_id", "?"))
                    + (d.containsKey("source_alert_id") ? " (source alert " + d.get("source_alert_id") + ")" : "");
            default -> entry.type() + (d.isEmpty() ? "" : " " + d);
        };
    }

    /** The enrichment and pipeline steps that rewrote an event, as an alert's feed lists them. */
    private static String rewrites(Map<String, String> d) {
        String trail = d.get("rewrites");
        if (trail == null || trail.isBlank()) {
            return "";
        }
        return ". Rewritten by " + java.util.Arrays.stream(trail.split("; ")).map(TimelineWords::rewrite)
                .collect(java.util.stream.Collectors.joining(", "));
    }

    /**
     * One rewrite step in words: {@code pipeline:7:2 title_reset} (the integration, the step's index and what it did)
     * reads "pipeline step 2 (title_reset)"; anything else is shown as recorded.
     */
    public static String rewrite(String step) {
        java.util.regex.Matcher m = REWRITE_STEP.matcher(step);
        return m.matches() ? m.group(1) + " step " + m.group(2) + " (" + m.group(3) + ")" : step;
    }

    private static String grouping(Map<String, String> d) {
        return d.containsKey("dedup_key") ? " (grouped by " + d.get("dedup_key") + ")" : "";
    }

    /** Why an alert joined: the dimensions it shares, or its similarity score, or a person's merge. */
    private static String why(Map<String, String> d) {
        if (d.containsKey("from_incident")) {
            return ", moved by hand from incident " + d.get("from_incident") + notes(d, "comment", "Comment");
        }
        if (d.containsKey("dimensions")) {
            return ": same " + d.get("dimensions");
        }
        if (d.containsKey("score")) {
            return ": similarity " + d.get("score") + " ≥ threshold " + d.getOrDefault("threshold", "?")
                    + " with alert " + d.getOrDefault("matched_alert_id", "?");
        }
        return "";
    }

    private static String change(Map<String, String> d) {
        return d.containsKey("from") ? ": " + d.get("from") + " → " + d.getOrDefault("to", "") : "";
    }

    private static String notes(Map<String, String> d, String key, String label) {
        String value = d.get(key);
        return value == null || value.isBlank() ? "" : ". " + label + ": " + value;
    }
}
