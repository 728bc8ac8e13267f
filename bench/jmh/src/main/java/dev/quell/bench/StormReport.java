package dev.quell.bench;

import dev.quell.bench.StormGenerator.RootCause;
import dev.quell.bench.StormGenerator.Storm;
import dev.quell.bench.StormGenerator.StormEvent;
import dev.quell.engine.Channel;
import dev.quell.engine.Engine;
import dev.quell.engine.EngineState;
import dev.quell.engine.Flapping;
import dev.quell.engine.GroupMethod;
import dev.quell.engine.Grouping;
import dev.quell.engine.IdSource;
import dev.quell.engine.Outcome;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * How well each grouping setting turns a generated storm ({@link StormGenerator}) into incidents: the same events go
 * through the engine once per setting, and the incidents are checked against the root cause each alert came from.
 * Prints the storm's make-up and a Markdown table. Usage:
 * {@code StormReport [--seed N] [--causes N] [--noise-share F]}.
 */
public final class StormReport {
    private static final Flapping FLAPPING_OFF = new Flapping(Flapping.Mode.off, Flapping.DEFAULT_MAX_CHANGES,
            Flapping.DEFAULT_IN_MINUTES, Flapping.DEFAULT_MUTE_MINUTES);
    private static final long WARM_UP_NANOS = 500_000_000;
    /** Each noise alert is a cause of its own: the noise tag and the alert key. */
    private static final String NOISE_PREFIX = StormGenerator.NOISE + "/";

    record Variant(String name, Grouping grouping) {
    }

    /**
     * What a setting made of the storm. An incident is mixed when its alerts come from two or more root causes; each
     * noise alert counts as a cause of its own, and {@code noiseOnlyMixed} are the mixed incidents made of noise
     * alone. A cause is fragmented when its alerts are in more than one incident; its stray alerts are those outside
     * the incident holding most of them. B-cubed precision is, averaged over alerts, the share of the alert's
     * incident that comes from its cause; B-cubed recall the share of its cause's alerts that are in its incident.
     */
    record Quality(int events, int alerts, int incidents, int largestIncident, int mixedIncidents, int noiseOnlyMixed,
                   int alertsInMixed, int fragmentedCauses, double incidentsPerCause, int causeAlerts,
                   int strayAlerts, double precision, double recall, double microsPerEvent,
                   Map<Outcome.Kind, Integer> outcomes) {
    }

    public static void main(String[] args) {
        StormGenerator.Settings defaults = StormGenerator.Settings.DEFAULTS;
        long seed = defaults.seed();
        int causes = defaults.causes();
        double noiseShare = defaults.noiseShare();
        for (int a = 0; a < args.length; a += 2) {
            if (a + 1 == args.length) {
                exitWithUsage(defaults);
            }
            switch (args[a]) {
                case "--seed" -> seed = Long.parseLong(args[a + 1]);
                case "--causes" -> causes = Integer.parseInt(args[a + 1]);
                case "--noise-share" -> noiseShare = Double.parseDouble(args[a + 1]);
                default -> exitWithUsage(defaults);
            }
        }
        Storm storm = new StormGenerator(new StormGenerator.Settings(seed, causes, noiseShare)).generate();
        List<Variant> variants = variants();
        for (Variant variant : variants) {
            warmUp(storm, variant.grouping());
        }
        List<Quality> qualities = variants.stream().map(variant -> measure(storm, variant.grouping())).toList();

        printStorm(storm, qualities.get(0));
        System.out.println();
        System.out.println("| grouping | events | alerts | incidents | events/incident | alerts/incident "
                + "| largest incident | mixed incidents (noise only) | alerts in mixed incidents | fragmented causes "
                + "| incidents per cause | stray cause alerts | B³ precision | B³ recall | µs/event |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int v = 0; v < variants.size(); v++) {
            Quality q = qualities.get(v);
            System.out.printf(Locale.ROOT, "| %s | %,d | %,d | %,d | %.1f | %.1f | %,d | %,d = %.1f %% (%,d) "
                            + "| %,d = %.1f %% | %d of %d | %.2f | %,d = %.1f %% | %.2f | %.2f | %.1f |%n",
                    variants.get(v).name(), q.events(), q.alerts(), q.incidents(), (double) q.events() / q.incidents(),
                    (double) q.alerts() / q.incidents(), q.largestIncident(), q.mixedIncidents(),
                    100.0 * q.mixedIncidents() / q.incidents(), q.noiseOnlyMixed(), q.alertsInMixed(),
                    100.0 * q.alertsInMixed() / q.alerts(), q.fragmentedCauses(), storm.causes().size(),
                    q.incidentsPerCause(), q.strayAlerts(), 100.0 * q.strayAlerts() / q.causeAlerts(), q.precision(),
                    q.recall(), q.microsPerEvent());
        }
    }

    private static void exitWithUsage(StormGenerator.Settings defaults) {
        System.err.println("usage: StormReport [--seed N] [--causes N] [--noise-share F]\n  defaults: --seed "
                + defaults.seed() + " --causes " + defaults.causes() + " --noise-share " + defaults.noiseShare());
        System.exit(2);
    }

    /**
     * Grouping off; rule-based on the resource, plain and strict; what an SRE would likely set up for a storm like
     * this: the resource, and for alerts without one the service and check (strict, so that an alert lacking a
     * resource is not grouped with every other such alert); the cluster and check, a coarse rule; and intelligent
     * grouping with the default keys at five thresholds. No time window: the storm is shorter than any sensible one.
     */
    private static List<Variant> variants() {
        List<List<String>> resource = List.of(List.of("labels.resource"));
        List<Variant> variants = new ArrayList<>();
        variants.add(new Variant("off", Grouping.OFF));
        variants.add(new Variant("rules: resource", rules(resource, false)));
        variants.add(new Variant("rules: resource, strict", rules(resource, true)));
        variants.add(new Variant("rules: resource, else service+check; strict", rules(List.of(
                List.of("labels.resource"), List.of("labels.service", "labels.check")), true)));
        variants.add(new Variant("rules: cluster+check", rules(List.of(List.of("labels.cluster", "labels.check")),
                false)));
        for (double threshold : new double[] {0.5, 0.6, 0.7, 0.8, 0.9}) {
            variants.add(new Variant(String.format(Locale.ROOT, "intelligent %.1f", threshold),
                    new Grouping(GroupMethod.i, List.of(), List.of(), false, 0, Grouping.WindowType.tumbling,
                            List.of(), Grouping.DEFAULT_SIMILARITY_KEYS, threshold)));
        }
        return variants;
    }

    private static Grouping rules(List<List<String>> equals, boolean strict) {
        return new Grouping(GroupMethod.p, equals, List.of(), strict, 0, Grouping.WindowType.tumbling, List.of(),
                Grouping.DEFAULT_SIMILARITY_KEYS, Grouping.DEFAULT_SCORE_THRESHOLD);
    }

    private static Channel channel(Grouping grouping) {
        return new Channel(StormGenerator.CHANNEL_ID, "storm", "", Channel.ENABLED, 0, Channel.AutoResolveMode.trigger,
                false, grouping, FLAPPING_OFF, StormGenerator.START, StormGenerator.START);
    }

    /** An engine's state with the storm's channel set to {@code grouping}. */
    private static EngineState stateFor(Engine engine, Grouping grouping) {
        EngineState state = new EngineState();
        engine.applySetting(state, channel(grouping));
        return state;
    }

    /**
     * Runs the storm, or as much of it as fits in {@link #WARM_UP_NANOS}, so that the timed run finds the engine's
     * code compiled.
     */
    private static void warmUp(Storm storm, Grouping grouping) {
        Engine engine = new Engine(new SequentialIds());
        EngineState state = stateFor(engine, grouping);
        long deadline = System.nanoTime() + WARM_UP_NANOS;
        for (StormEvent stormEvent : storm.events()) {
            engine.apply(state, stormEvent.event(), stormEvent.event().eventTime());
            if (System.nanoTime() > deadline) {
                return;
            }
        }
    }

    /**
     * Runs the storm through a fresh engine and checks each new alert's incident against the alert's root cause. The
     * time per event counts only the engine's {@code apply}, not the checking.
     */
    private static Quality measure(Storm storm, Grouping grouping) {
        Engine engine = new Engine(new SequentialIds());
        EngineState state = stateFor(engine, grouping);
        // incident -> the alert's cause (a noise alert is its own) -> how many of the incident's alerts it made
        Map<String, Map<String, Integer>> alertsByCause = new HashMap<>();
        Map<Outcome.Kind, Integer> outcomes = new EnumMap<>(Outcome.Kind.class);
        long engineNanos = 0;
        for (StormEvent stormEvent : storm.events()) {
            long started = System.nanoTime();
            Outcome outcome = engine.apply(state, stormEvent.event(), stormEvent.event().eventTime());
            engineNanos += System.nanoTime() - started;
            outcomes.merge(outcome.kind(), 1, Integer::sum);
            if (outcome.kind() == Outcome.Kind.OPENED || outcome.kind() == Outcome.Kind.JOINED) {
                String cause = isNoise(stormEvent.rootCause())
                        ? NOISE_PREFIX + stormEvent.event().alertKey() : stormEvent.rootCause();
                alertsByCause.computeIfAbsent(outcome.alert().incidentId(), id -> new HashMap<>())
                        .merge(cause, 1, Integer::sum);
            }
        }
        Map<String, Map<String, Integer>> incidentsOfCause = new HashMap<>();
        Map<String, Integer> alertsOfCause = new HashMap<>();
        alertsByCause.forEach((incident, byCause) -> byCause.forEach((cause, count) -> {
            incidentsOfCause.computeIfAbsent(cause, c -> new HashMap<>()).put(incident, count);
            alertsOfCause.merge(cause, count, Integer::sum);
        }));

        int alerts = 0;
        int largest = 0;
        int mixed = 0;
        int noiseOnlyMixed = 0;
        int alertsInMixed = 0;
        double precisionSum = 0;
        double recallSum = 0;
        for (Map<String, Integer> byCause : alertsByCause.values()) {
            int size = byCause.values().stream().mapToInt(Integer::intValue).sum();
            alerts += size;
            largest = Math.max(largest, size);
            if (byCause.size() > 1) {
                mixed++;
                alertsInMixed += size;
                noiseOnlyMixed += byCause.keySet().stream().allMatch(c -> c.startsWith(NOISE_PREFIX)) ? 1 : 0;
            }
            for (Map.Entry<String, Integer> cause : byCause.entrySet()) {
                double together = cause.getValue();
                precisionSum += together * together / size;
                recallSum += together * together / alertsOfCause.get(cause.getKey());
            }
        }
        int fragmented = 0;
        int causeAlerts = 0;
        int strays = 0;
        int incidentsOfCauses = 0;
        for (Map.Entry<String, Map<String, Integer>> cause : incidentsOfCause.entrySet()) {
            if (cause.getKey().startsWith(NOISE_PREFIX)) {
                continue;
            }
            Map<String, Integer> byIncident = cause.getValue();
            int total = alertsOfCause.get(cause.getKey());
            causeAlerts += total;
            strays += total - byIncident.values().stream().mapToInt(Integer::intValue).max().orElse(0);
            fragmented += byIncident.size() > 1 ? 1 : 0;
            incidentsOfCauses += byIncident.size();
        }
        return new Quality(storm.events().size(), alerts, alertsByCause.size(), largest, mixed, noiseOnlyMixed,
                alertsInMixed, fragmented, (double) incidentsOfCauses / storm.causes().size(), causeAlerts, strays,
                precisionSum / alerts, recallSum / alerts, engineNanos / 1000.0 / storm.events().size(), outcomes);
    }

    private static boolean isNoise(String rootCause) {
        return rootCause.equals(StormGenerator.NOISE);
    }

    private static void printStorm(Storm storm, Quality withoutGrouping) {
        StormGenerator.Settings settings = storm.settings();
        int causeAlerts = storm.causes().stream().mapToInt(RootCause::alerts).sum();
        int planned = storm.causes().stream().mapToInt(RootCause::plannedAlerts).sum();
        int[] sizes = storm.causes().stream().mapToInt(RootCause::alerts).sorted().toArray();
        Map<StormGenerator.CauseKind, int[]> byKind = new TreeMap<>();
        for (RootCause cause : storm.causes()) {
            int[] countAndAlerts = byKind.computeIfAbsent(cause.kind(), kind -> new int[2]);
            countAndAlerts[0]++;
            countAndAlerts[1] += cause.alerts();
        }
        System.out.printf(Locale.ROOT, "Storm: seed %d, %d root causes, noise share %.2f, %d s from %s%n",
                settings.seed(), storm.causes().size(), settings.noiseShare(), StormGenerator.SECONDS,
                java.time.Instant.ofEpochSecond(StormGenerator.START));
        StringBuilder kinds = new StringBuilder();
        byKind.forEach((kind, countAndAlerts) -> kinds.append(kinds.isEmpty() ? "" : ", ")
                .append(kind.name().toLowerCase(Locale.ROOT)).append(' ').append(countAndAlerts[0])
                .append(" (").append(countAndAlerts[1]).append(" alerts)"));
        System.out.println("Causes by kind: " + kinds);
        System.out.printf(Locale.ROOT, "Alerts per cause: median %d, 90th percentile %d, max %d; %d made of %d drawn "
                        + "(a cause with fewer dependents than drawn makes fewer)%n",
                sizes[sizes.length / 2], sizes[sizes.length * 9 / 10], sizes[sizes.length - 1], causeAlerts, planned);
        System.out.printf(Locale.ROOT, "Distinct alerts: %d from causes + %d noise (%.1f %%); %d events%n",
                causeAlerts, storm.noiseAlerts(), 100.0 * storm.noiseAlerts() / (causeAlerts + storm.noiseAlerts()),
                storm.events().size());
        StringBuilder outcomes = new StringBuilder();
        withoutGrouping.outcomes().forEach((kind, count) -> outcomes.append(outcomes.isEmpty() ? "" : ", ")
                .append(kind.name().toLowerCase(Locale.ROOT)).append(' ').append(count));
        System.out.println("What the events do (grouping off): " + outcomes
                + " (opened beyond the distinct alerts: flapping alerts firing again)");
    }

    /** Ids like the server's (24 hex digits, the second first), from a counter so that every run is the same. */
    private static final class SequentialIds implements IdSource {
        private static final char[] HEX = "0123456789abcdef".toCharArray();
        private long counter;

        @Override
        public String nextId(long nowSeconds) {
            char[] id = new char[24];
            putHex(id, 0, 8, nowSeconds);
            putHex(id, 8, 16, ++counter);
            return new String(id);
        }

        private static void putHex(char[] out, int at, int digits, long value) {
            for (int i = at + digits - 1; i >= at; i--) {
                out[i] = HEX[(int) (value & 0xF)];
                value >>>= 4;
            }
        }
    }
}
