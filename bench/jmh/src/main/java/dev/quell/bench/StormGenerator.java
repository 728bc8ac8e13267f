package dev.quell.bench;

import dev.quell.engine.AlertEvent;
import dev.quell.engine.Labels;
import dev.quell.engine.Severity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * An alert storm with known answers: root causes (a database down, a top-of-rack switch failing, a bad deploy, a full
 * disk, an expired certificate, a Redis out of memory, a Kafka topic losing replicas) in a made-up {@link Fleet}, each
 * making the resource itself, the services that use it and, for the bigger ones, those services' callers alert; plus
 * unrelated noise alerts on the same services and hosts, in the same words. Every event carries the id of the root
 * cause that made it ({@code c001}...) or {@link #NOISE}.
 *
 * <p>What makes it hard, as in real storms: dependents speak of their own symptoms (latency, 5xx, timeouts) in words
 * that do not name the cause; a share of them lack the {@code resource} label or carry their own host in it; those
 * further down the call graph name the service they call instead; causes overlap in time and share services, hosts and
 * vocabulary with each other and with the noise. Sizes are skewed (half the causes have 10 alerts or fewer, a few
 * have 200). Monitors repeat while firing, sometimes with a new reading; alerts recover when their cause is mitigated,
 * and a few flap. The same seed gives the same storm.
 */
public final class StormGenerator {
    public static final String NOISE = "noise";
    public static final long CHANNEL_ID = 1;
    /** The storm starts at 2026-01-01T00:00:00Z and lasts ten minutes. */
    public static final long START = 1_767_225_600L;
    public static final int SECONDS = 600;

    static final int MIN_ALERTS_PER_CAUSE = 5;
    static final int MAX_ALERTS_PER_CAUSE = 200;
    /** Integrations: application metrics (per service instance) and infrastructure checks. */
    private static final int APPLICATION = 1;
    private static final int INFRASTRUCTURE = 2;

    /** Seed, number of root causes, and the share of all alerts that are noise. */
    public record Settings(long seed, int causes, double noiseShare) {
        public static final Settings DEFAULTS = new Settings(1, 200, 0.17);

        public Settings {
            if (causes < 1 || noiseShare < 0 || noiseShare >= 1) {
                throw new IllegalArgumentException("at least one cause and a noise share in [0, 1)");
            }
        }
    }

    /**
     * Weights roughly follow how many of each resource the fleet has, so that a storm of 200 causes does not take
     * down every database: about 190 services, 800 nodes, 100 racks, 50 databases, 20 caches, 28 topics and 20
     * outside endpoints.
     */
    enum CauseKind {
        DEPLOY(33), DISK(25), DATABASE(14), SWITCH(10), QUEUE(7), CACHE(6), CERTIFICATE(5);

        final int weight;

        CauseKind(int weight) {
            this.weight = weight;
        }
    }

    /** One root cause: what failed, how many alerts it was drawn to make, how many it made, and when it started. */
    public record RootCause(String id, CauseKind kind, String resource, int plannedAlerts, int alerts, long start) {
    }

    public record StormEvent(AlertEvent event, String rootCause) {
    }

    /** The events in time order; {@code noiseAlerts} distinct noise alerts among them. */
    public record Storm(Settings settings, List<StormEvent> events, List<RootCause> causes, int noiseAlerts) {
    }

    /**
     * Where an alert sits relative to its cause, which decides what its {@code resource} label says: the failing
     * resource's own checks name it; direct dependents usually do; the callers of dependents often name the service
     * they call instead.
     */
    private enum Ring { SOURCE, DIRECT, CASCADE }

    /** A monitor: what it checks, where, and about what. Its key is the alert key. */
    private record Monitor(Symptom symptom, int integration, String service, String host, String cluster, String env,
                           String target, String upstream) {
        String key() {
            StringBuilder key = new StringBuilder(symptom.check()).append(':').append(service).append('@').append(host);
            if (symptom.watchesTarget) {
                key.append('/').append(target);
            }
            if (symptom.watchesUpstream) {
                key.append('/').append(upstream);
            }
            return key.toString();
        }
    }

    private record Candidate(Monitor monitor, Ring ring) {
    }

    /** What a root cause puts on alert, ring by ring; {@code hit} are the services whose callers feel it next. */
    private record Blast(String resource, List<Candidate> sources, List<Candidate> direct, List<Fleet.Service> hit) {
    }

    private record TimedEvent(long second, long tieBreak, StormEvent event) {
    }

    private final Settings settings;
    private final SplittableRandom random;
    private final Fleet fleet;
    /** A monitor alerts for one cause only in a storm: otherwise the right answer for it would be ambiguous. */
    private final Set<String> usedKeys = new HashSet<>();
    /** The causes' resources: each fails once in a storm. */
    private final Set<String> usedResources = new HashSet<>();
    /** What noise alerts are about (see {@link #noiseSubject}): each thing at most once, so they stay unrelated. */
    private final Set<String> noiseSubjects = new HashSet<>();
    private final List<TimedEvent> events = new ArrayList<>();

    /**
     * A storm on a fleet sized for it: the estate of 200 causes with 20 % noise, scaled up (more nodes per cluster,
     * more copies of the services) for more causes or more noise, so that there are resources left to fail and
     * things left for noise to be about.
     */
    public StormGenerator(Settings settings) {
        this(settings, Fleet.STORM_PROD_CLUSTERS, Fleet.STORM_NODES_PER_CLUSTER * fleetScale(settings),
                fleetScale(settings));
    }

    private StormGenerator(Settings settings, int prodClusters, int nodesPerCluster, int businessUnits) {
        this.settings = settings;
        this.random = new SplittableRandom(settings.seed());
        this.fleet = Fleet.build(random, prodClusters, nodesPerCluster, businessUnits);
    }

    private static int fleetScale(Settings settings) {
        double causes = settings.causes() / 200.0;
        double noisePerCauseAlert = settings.noiseShare() / (1 - settings.noiseShare());
        return (int) Math.ceil(Math.max(causes, causes * noisePerCauseAlert / 0.25));
    }

    /** A generator only for {@link #unrelatedTrigger}, on a fleet of the given size. */
    static StormGenerator ofUnrelatedAlerts(long seed, int prodClusters, int nodesPerCluster) {
        return new StormGenerator(new Settings(seed, 1, 0), prodClusters, nodesPerCluster, 1);
    }

    public Storm generate() {
        List<RootCause> causes = new ArrayList<>();
        int causeAlerts = 0;
        for (int c = 1; c <= settings.causes(); c++) {
            RootCause cause = addCause(String.format("c%03d", c));
            causes.add(cause);
            causeAlerts += cause.alerts();
        }
        int noiseAlerts = (int) Math.round(causeAlerts * settings.noiseShare() / (1 - settings.noiseShare()));
        for (int n = 0; n < noiseAlerts; n++) {
            addNoise(random.nextInt(SECONDS));
        }
        events.sort(Comparator.comparingLong(TimedEvent::second).thenComparingLong(TimedEvent::tieBreak));
        return new Storm(settings, events.stream().map(TimedEvent::event).toList(), causes, noiseAlerts);
    }

    /**
     * A trigger of one random alert of the kind the storm's noise is made of, under the given key and time, with no
     * check against causes or other alerts: for benchmarks that need many alerts of realistic variety.
     */
    AlertEvent unrelatedTrigger(String alertKey, long eventTime) {
        NoiseAlert noise = drawNoise();
        while (noise == null) {
            noise = drawNoise();
        }
        Monitor monitor = noise.monitor();
        return new AlertEvent(monitor.integration(), CHANNEL_ID, alertKey, monitor.symptom().severity,
                monitor.symptom().title, title(monitor), description(monitor, reading()),
                labels(monitor, noise.resource()), List.of(), eventTime);
    }

    private RootCause addCause(String id) {
        int planned = plannedSize();
        Blast blast = null;
        CauseKind kind = null;
        List<Candidate> chosen = List.of();
        // The kind first, then the resource: among a few of that kind, the first that can make the alerts drawn, or
        // the one with the biggest blast radius. A full disk on one host stays small however many alerts were drawn.
        // A kind with nothing left that can make five alerts gives way to another.
        for (int kindDraw = 0; kindDraw < 20 && chosen.size() < MIN_ALERTS_PER_CAUSE; kindDraw++) {
            CauseKind drawnKind = pickKind();
            for (int resourceDraw = 0; resourceDraw < 10 && chosen.size() < planned; resourceDraw++) {
                Blast drawn = blastOf(drawnKind);
                if (drawn == null) {
                    break;
                }
                List<Candidate> available = candidatesOf(drawn, planned);
                if (available.size() > chosen.size()) {
                    kind = drawnKind;
                    blast = drawn;
                    chosen = available;
                }
            }
        }
        if (chosen.size() < MIN_ALERTS_PER_CAUSE) {
            throw new IllegalStateException("the fleet has no resource left for another cause of five alerts");
        }
        usedResources.add(blast.resource());
        long start = random.nextInt(SECONDS - 60);
        long mitigated = start + 180 + random.nextInt(720);
        for (Candidate candidate : chosen) {
            usedKeys.add(candidate.monitor().key());
            long firstFire = firstFire(candidate.ring(), start, Math.min(mitigated, SECONDS));
            long recovery = mitigated + random.nextInt(120);
            fire(candidate.monitor(), resourceLabel(candidate), id, firstFire, recovery, random.nextDouble() < 0.08);
        }
        return new RootCause(id, kind, blast.resource(), planned, chosen.size(), START + start);
    }

    /** Half the causes make 10 alerts or fewer, one in twenty 100 or more: P(size >= k) = 5 / k, capped at 200. */
    private int plannedSize() {
        double u = 1 - random.nextDouble();
        return (int) Math.min(MAX_ALERTS_PER_CAUSE, Math.floor(MIN_ALERTS_PER_CAUSE / u));
    }

    private CauseKind pickKind() {
        int total = 0;
        for (CauseKind kind : CauseKind.values()) {
            total += kind.weight;
        }
        int pick = random.nextInt(total);
        for (CauseKind kind : CauseKind.values()) {
            pick -= kind.weight;
            if (pick < 0) {
                return kind;
            }
        }
        throw new IllegalStateException("weights");
    }

    /** What failing one resource of that kind sets off, or null when every resource of the kind is a cause already. */
    private Blast blastOf(CauseKind kind) {
        return switch (kind) {
            case DATABASE -> {
                Fleet.Store db = pickResource(fleet.databases, Fleet.Store::name);
                yield db == null ? null : storeDown(db,
                        List.of(Symptom.DATABASE_DOWN, Symptom.REPLICATION_LAG, Symptom.TOO_MANY_CONNECTIONS),
                        List.of(Symptom.DATABASE_ERRORS, Symptom.CONNECTION_POOL_EXHAUSTED, Symptom.SLOW_QUERIES,
                                Symptom.HTTP_5XX, Symptom.LATENCY_P99, Symptom.HEALTH_CHECK_FAILING));
            }
            case CACHE -> {
                Fleet.Store cache = pickResource(fleet.caches, Fleet.Store::name);
                yield cache == null ? null : storeDown(cache,
                        List.of(Symptom.REDIS_OUT_OF_MEMORY, Symptom.REDIS_EVICTIONS),
                        List.of(Symptom.CACHE_ERRORS, Symptom.CACHE_HIT_RATIO_LOW, Symptom.LATENCY_P99,
                                Symptom.HTTP_5XX));
            }
            case QUEUE -> {
                String topic = pickResource(fleet.topics, name -> name);
                yield topic == null ? null : topicDegraded(topic);
            }
            case SWITCH -> {
                String tor = pickResource(fleet.torSwitches, name -> name);
                yield tor == null ? null : switchFailing(tor);
            }
            case DEPLOY -> {
                Fleet.Service service = pickResource(fleet.services, s -> s.name);
                yield service == null ? null : badDeploy(service);
            }
            case DISK -> {
                Fleet.Node node = pickResource(fleet.nodes, Fleet.Node::host);
                yield node == null ? null : diskFull(node);
            }
            case CERTIFICATE -> {
                String endpoint = pickResource(fleet.tlsEndpoints, name -> name);
                yield endpoint == null ? null : certificateExpired(endpoint);
            }
        };
    }

    /** A random resource that is no cause in this storm yet (one thing fails once), or null when none is left. */
    private <T> T pickResource(List<T> resources, java.util.function.Function<T, String> name) {
        List<T> unused = resources.stream().filter(r -> !usedResources.contains(name.apply(r))).toList();
        return unused.isEmpty() ? null : unused.get(random.nextInt(unused.size()));
    }

    private Blast storeDown(Fleet.Store store, List<Symptom> own, List<Symptom> felt) {
        List<Candidate> sources = new ArrayList<>();
        for (Symptom symptom : own) {
            sources.add(new Candidate(new Monitor(symptom, INFRASTRUCTURE, store.engine(), store.name(),
                    store.cluster(), store.env(), store.name(), null), Ring.SOURCE));
        }
        List<Fleet.Service> users = fleet.usersOf(store);
        return new Blast(store.name(), sources, dependents(instancesOf(users), felt, store.name()), users);
    }

    private Blast topicDegraded(String topic) {
        List<Candidate> sources = new ArrayList<>();
        String cluster = fleet.brokerClusterOf(topic);
        for (String broker : fleet.brokersOf(topic)) {
            sources.add(new Candidate(new Monitor(Symptom.UNDER_REPLICATED_PARTITIONS, INFRASTRUCTURE, "kafka",
                    broker, cluster, "prod", topic, null), Ring.SOURCE));
        }
        List<Fleet.Service> clients = fleet.clientsOfTopic(topic);
        List<Candidate> direct = new ArrayList<>();
        for (Fleet.Instance instance : instancesOf(clients)) {
            List<Symptom> felt = instance.service().consumes.contains(topic)
                    ? List.of(Symptom.CONSUMER_LAG, Symptom.PROCESSING_DELAYED)
                    : List.of(Symptom.PUBLISH_ERRORS, Symptom.HTTP_5XX);
            direct.addAll(dependents(List.of(instance), felt, topic));
        }
        return new Blast(topic, sources, direct, clients);
    }

    private Blast switchFailing(String tor) {
        List<Fleet.Node> nodes = fleet.nodesBehind(tor);
        String cluster = nodes.get(0).cluster();
        List<Candidate> sources = new ArrayList<>();
        for (Symptom symptom : List.of(Symptom.SWITCH_UNREACHABLE, Symptom.INTERFACE_ERRORS)) {
            sources.add(new Candidate(new Monitor(symptom, INFRASTRUCTURE, "network", tor, cluster,
                    nodes.get(0).env(), tor, null), Ring.SOURCE));
        }
        List<Candidate> direct = new ArrayList<>();
        for (Fleet.Node node : nodes) {
            for (Symptom symptom : List.of(Symptom.HOST_UNREACHABLE, Symptom.PACKET_LOSS)) {
                direct.add(new Candidate(nodeMonitor(symptom, node, tor), Ring.DIRECT));
            }
        }
        List<Fleet.Instance> instances = fleet.instancesOn(nodes);
        direct.addAll(dependents(instances, List.of(Symptom.HEALTH_CHECK_FAILING, Symptom.HTTP_5XX,
                Symptom.LATENCY_P99), tor));
        return new Blast(tor, sources, direct, servicesOf(instances));
    }

    private Blast badDeploy(Fleet.Service service) {
        List<Candidate> sources = List.of(new Candidate(new Monitor(Symptom.ERROR_BUDGET_BURN, APPLICATION,
                service.name, service.nodes.get(0).host(), service.cluster, service.env, service.name, null),
                Ring.SOURCE));
        List<Candidate> direct = dependents(service.instances(), List.of(Symptom.CRASH_LOOP, Symptom.HTTP_5XX,
                Symptom.HEALTH_CHECK_FAILING, Symptom.LATENCY_P99), service.name);
        return new Blast(service.name, sources, direct, List.of(service));
    }

    private Blast diskFull(Fleet.Node node) {
        List<Candidate> sources = new ArrayList<>();
        for (Symptom symptom : List.of(Symptom.DISK_FULL, Symptom.DISK_IO_SATURATED, Symptom.LOG_SHIPPING_STALLED)) {
            sources.add(new Candidate(nodeMonitor(symptom, node, node.host()), Ring.SOURCE));
        }
        List<Fleet.Instance> instances = fleet.instancesOn(List.of(node));
        List<Candidate> direct = dependents(instances, List.of(Symptom.WRITE_ERRORS, Symptom.HEALTH_CHECK_FAILING,
                Symptom.HTTP_5XX, Symptom.LATENCY_P99), node.host());
        return new Blast(node.host(), sources, direct, servicesOf(instances));
    }

    private Blast certificateExpired(String endpoint) {
        List<Fleet.Service> clients = fleet.clientsOfEndpoint(endpoint);
        String cluster = clients.isEmpty() ? fleet.nodes.get(0).cluster() : clients.get(0).cluster;
        List<Candidate> sources = List.of(new Candidate(new Monitor(Symptom.CERTIFICATE_EXPIRED, INFRASTRUCTURE,
                "blackbox-exporter", "prober-" + cluster, cluster, "prod", endpoint, null), Ring.SOURCE));
        List<Candidate> direct = dependents(instancesOf(clients), List.of(Symptom.TLS_HANDSHAKE_FAILURES,
                Symptom.OUTBOUND_HTTPS_ERRORS, Symptom.HTTP_5XX), endpoint);
        return new Blast(endpoint, sources, direct, clients);
    }

    private static Monitor nodeMonitor(Symptom symptom, Fleet.Node node, String target) {
        return new Monitor(symptom, INFRASTRUCTURE, "node-exporter", node.host(), node.cluster(), node.env(), target,
                null);
    }

    private static List<Candidate> dependents(List<Fleet.Instance> instances, List<Symptom> symptoms, String target) {
        List<Candidate> candidates = new ArrayList<>();
        for (Fleet.Instance instance : instances) {
            for (Symptom symptom : symptoms) {
                candidates.add(new Candidate(instanceMonitor(symptom, instance, target, target), Ring.DIRECT));
            }
        }
        return candidates;
    }

    private static Monitor instanceMonitor(Symptom symptom, Fleet.Instance instance, String target, String upstream) {
        Fleet.Node node = instance.node();
        return new Monitor(symptom, APPLICATION, instance.service().name, node.host(), node.cluster(), node.env(),
                target, upstream);
    }

    private static List<Fleet.Instance> instancesOf(List<Fleet.Service> services) {
        return services.stream().flatMap(service -> service.instances().stream()).toList();
    }

    private static List<Fleet.Service> servicesOf(List<Fleet.Instance> instances) {
        return List.copyOf(new LinkedHashSet<>(instances.stream().map(Fleet.Instance::service).toList()));
    }

    /**
     * Up to {@code planned} monitors not yet used in the storm: the resource's own checks (each fires with
     * probability 0.8), then its direct dependents in random order, then, ring by ring up the call graph, the callers
     * of what was hit. Rings stop once there are four times the monitors needed, which leaves room for those already
     * used by earlier causes without walking the whole graph.
     */
    private List<Candidate> candidatesOf(Blast blast, int planned) {
        List<Candidate> ordered = new ArrayList<>();
        for (Candidate source : blast.sources()) {
            if (random.nextDouble() < 0.8) {
                ordered.add(source);
            }
        }
        ordered.addAll(shuffled(blast.direct()));
        Set<Fleet.Service> reached = new HashSet<>(blast.hit());
        List<Fleet.Service> frontier = blast.hit();
        while (!frontier.isEmpty() && ordered.size() < 4 * planned) {
            List<Fleet.Service> next = new ArrayList<>();
            List<Candidate> ring = new ArrayList<>();
            for (Fleet.Service upstream : frontier) {
                for (Fleet.Service caller : fleet.callersOf(upstream)) {
                    if (!reached.add(caller)) {
                        continue;
                    }
                    next.add(caller);
                    for (Fleet.Instance instance : caller.instances()) {
                        for (Symptom symptom : List.of(Symptom.UPSTREAM_TIMEOUTS, Symptom.HTTP_5XX,
                                Symptom.LATENCY_P99)) {
                            ring.add(new Candidate(instanceMonitor(symptom, instance, blast.resource(),
                                    upstream.name), Ring.CASCADE));
                        }
                    }
                }
            }
            ordered.addAll(shuffled(ring));
            frontier = next;
        }
        List<Candidate> taken = new ArrayList<>();
        Set<String> keys = new HashSet<>();
        for (Candidate candidate : ordered) {
            String key = candidate.monitor().key();
            if (taken.size() < planned && !usedKeys.contains(key) && keys.add(key)) {
                taken.add(candidate);
            }
        }
        return taken;
    }

    private <T> List<T> shuffled(List<T> items) {
        List<T> copy = new ArrayList<>(items);
        for (int i = copy.size() - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            T swapped = copy.get(i);
            copy.set(i, copy.get(j));
            copy.set(j, swapped);
        }
        return copy;
    }

    /**
     * When an alert first fires, in seconds into the storm: the resource's own checks within 20 s of the start,
     * direct dependents about a minute later on average, callers later still; always before {@code end} (the
     * mitigation or the storm's end).
     */
    private long firstFire(Ring ring, long start, long end) {
        long at = switch (ring) {
            case SOURCE -> start + random.nextInt(20);
            case DIRECT -> start + 5 + exponential(45);
            case CASCADE -> start + 30 + exponential(90);
        };
        return at < end ? at : start + random.nextInt((int) Math.max(1, end - start));
    }

    private long exponential(double mean) {
        return (long) (-mean * Math.log(1 - random.nextDouble()));
    }

    /**
     * The {@code resource} label: the cause's resource for its own checks; for direct dependents the cause's
     * resource (60 %), nothing (25 %) or their own host (15 %); for callers further away the cause (30 %), the service
     * they call (30 %), nothing (25 %) or their own host (15 %).
     */
    private String resourceLabel(Candidate candidate) {
        Monitor monitor = candidate.monitor();
        double draw = random.nextDouble();
        return switch (candidate.ring()) {
            case SOURCE -> monitor.target();
            case DIRECT -> draw < 0.60 ? monitor.target() : draw < 0.85 ? null : monitor.host();
            case CASCADE -> draw < 0.30 ? monitor.target() : draw < 0.60 ? monitor.upstream()
                    : draw < 0.85 ? null : monitor.host();
        };
    }

    /** One unrelated alert that fires at {@code second} and lasts a few minutes. */
    private void addNoise(int second) {
        for (int attempt = 0; attempt < 100; attempt++) {
            NoiseAlert noise = drawNoise();
            if (noise == null) {
                continue;
            }
            Monitor monitor = noise.monitor();
            if (!touchesACause(monitor) && !usedKeys.contains(monitor.key())
                    && noiseSubjects.add(noiseSubject(monitor))) {
                usedKeys.add(monitor.key());
                long end = second + 60 + exponential(240);
                fire(monitor, noise.resource(), NOISE, second, end, false);
                return;
            }
        }
        throw new IllegalStateException("the fleet is too small for this much noise");
    }

    private record NoiseAlert(Monitor monitor, String resource) {
    }

    /**
     * A host-level check on any node, a service symptom on any instance, a check about one of a service's
     * dependencies, or a datastore or certificate warning, with the {@code resource} label such alerts usually carry;
     * null when the dependency drawn does not exist.
     */
    private NoiseAlert drawNoise() {
        double kind = random.nextDouble();
        if (kind < 0.35) {
            Fleet.Node node = fleet.nodes.get(random.nextInt(fleet.nodes.size()));
            Symptom symptom = pick(Symptom.CPU_HIGH, Symptom.MEMORY_HIGH, Symptom.CLOCK_SKEW, Symptom.DISK_FULL,
                    Symptom.DISK_IO_SATURATED, Symptom.PACKET_LOSS, Symptom.LOG_SHIPPING_STALLED);
            return new NoiseAlert(nodeMonitor(symptom, node, node.host()),
                    random.nextDouble() < 0.7 ? node.host() : null);
        }
        if (kind < 0.90) {
            Fleet.Service service = fleet.services.get(random.nextInt(fleet.services.size()));
            Fleet.Instance instance = service.instances().get(random.nextInt(service.nodes.size()));
            Monitor monitor = kind < 0.70 ? serviceNoise(instance) : dependencyNoise(instance);
            if (monitor == null) {
                return null;
            }
            String watched = monitor.target() != null ? monitor.target() : monitor.upstream();
            double draw = random.nextDouble();
            String resource = watched != null ? (draw < 0.7 ? watched : null)
                    : draw < 0.4 ? null : draw < 0.7 ? monitor.host() : service.name;
            return new NoiseAlert(monitor, resource);
        }
        Monitor monitor = datastoreNoise();
        return new NoiseAlert(monitor, monitor.target());
    }

    /**
     * Whether the monitor watches, runs on, sits behind or is a resource that fails in this storm: an alert there
     * would be that cause's, not noise.
     */
    private boolean touchesACause(Monitor monitor) {
        return usedResources.contains(monitor.service()) || usedResources.contains(monitor.host())
                || usedResources.contains(fleet.torSwitchOf(monitor.host()))
                || monitor.target() != null && usedResources.contains(monitor.target())
                || monitor.upstream() != null && usedResources.contains(monitor.upstream());
    }

    /**
     * What a noise alert is about: the thing its check watches, or for a host check the host, or for a service
     * symptom the service and the check. Two noise alerts about one thing (five probers finding one certificate about
     * to expire) would be one issue, not two unrelated ones.
     */
    private static String noiseSubject(Monitor monitor) {
        if (monitor.symptom().watchesTarget) {
            return monitor.target();
        }
        if (monitor.symptom().watchesUpstream) {
            return monitor.service() + "->" + monitor.upstream();
        }
        return monitor.service().equals("node-exporter") ? monitor.host()
                : monitor.service() + "/" + monitor.symptom().check();
    }

    private Monitor serviceNoise(Fleet.Instance instance) {
        Symptom symptom = pick(Symptom.HTTP_5XX, Symptom.LATENCY_P99, Symptom.HEALTH_CHECK_FAILING,
                Symptom.CRON_JOB_FAILED, Symptom.POD_RESTARTED, Symptom.CACHE_HIT_RATIO_LOW,
                Symptom.PROCESSING_DELAYED, Symptom.CONNECTION_POOL_EXHAUSTED);
        return instanceMonitor(symptom, instance, null, null);
    }

    /** A check about one of the instance's dependencies, or null when it has none of the kind drawn. */
    private Monitor dependencyNoise(Fleet.Instance instance) {
        Fleet.Service service = instance.service();
        return switch (random.nextInt(4)) {
            case 0 -> service.databases.isEmpty() ? null : instanceMonitor(Symptom.SLOW_QUERIES, instance,
                    service.databases.get(random.nextInt(service.databases.size())).name(), null);
            case 1 -> service.upstreams.isEmpty() ? null : instanceMonitor(Symptom.UPSTREAM_TIMEOUTS, instance,
                    null, new ArrayList<>(service.upstreams).get(random.nextInt(service.upstreams.size())).name);
            case 2 -> service.consumes.isEmpty() ? null : instanceMonitor(Symptom.CONSUMER_LAG, instance,
                    new ArrayList<>(service.consumes).get(random.nextInt(service.consumes.size())), null);
            default -> service.tlsEndpoints.isEmpty() ? null : instanceMonitor(Symptom.OUTBOUND_HTTPS_ERRORS,
                    instance, new ArrayList<>(service.tlsEndpoints).get(random.nextInt(service.tlsEndpoints.size())),
                    null);
        };
    }

    private Monitor datastoreNoise() {
        switch (random.nextInt(3)) {
            case 0 -> {
                Fleet.Store db = fleet.databases.get(random.nextInt(fleet.databases.size()));
                Symptom symptom = random.nextBoolean() ? Symptom.REPLICATION_LAG : Symptom.TOO_MANY_CONNECTIONS;
                return new Monitor(symptom, INFRASTRUCTURE, db.engine(), db.name(), db.cluster(), db.env(),
                        db.name(), null);
            }
            case 1 -> {
                Fleet.Store cache = fleet.caches.get(random.nextInt(fleet.caches.size()));
                return new Monitor(Symptom.REDIS_EVICTIONS, INFRASTRUCTURE, cache.engine(), cache.name(),
                        cache.cluster(), cache.env(), cache.name(), null);
            }
            default -> {
                String endpoint = fleet.tlsEndpoints.get(random.nextInt(fleet.tlsEndpoints.size()));
                String cluster = fleet.nodes.get(random.nextInt(fleet.nodes.size())).cluster();
                return new Monitor(Symptom.CERTIFICATE_EXPIRING, INFRASTRUCTURE, "blackbox-exporter",
                        "prober-" + cluster, cluster, "prod", endpoint, null);
            }
        }
    }

    private Symptom pick(Symptom... symptoms) {
        return symptoms[random.nextInt(symptoms.length)];
    }

    /**
     * The events of one alert, seconds into the storm: a trigger at {@code firstFire}; repeats while it fires, if its
     * monitor repeats (60 % do: every 60, 120 or 300 s), three in ten with a new reading; a recovery at
     * {@code recovery} if that falls inside the storm. A flapping alert also recovers early and fires again.
     */
    private void fire(Monitor monitor, String resource, String rootCause, long firstFire, long recovery,
                      boolean flaps) {
        Map<String, String> labels = labels(monitor, resource);
        double draw = random.nextDouble();
        int repeatEvery = draw < 0.4 ? 0 : draw < 0.7 ? 60 : draw < 0.9 ? 120 : 300;
        long from = firstFire;
        if (flaps) {
            long flapEnd = firstFire + 20 + random.nextInt(90);
            if (flapEnd + 10 < Math.min(recovery, SECONDS)) {
                firingPeriod(monitor, labels, rootCause, firstFire, flapEnd, repeatEvery);
                from = flapEnd + 10 + random.nextInt(50);
            }
        }
        if (from < Math.min(recovery, SECONDS)) {
            firingPeriod(monitor, labels, rootCause, from, recovery, repeatEvery);
        }
    }

    private static Map<String, String> labels(Monitor monitor, String resource) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("service", monitor.service());
        labels.put("host", monitor.host());
        labels.put("env", monitor.env());
        labels.put("cluster", monitor.cluster());
        labels.put("check", monitor.symptom().check());
        if (resource != null) {
            labels.put("resource", resource);
        }
        return Labels.sorted(labels);
    }

    private void firingPeriod(Monitor monitor, Map<String, String> labels, String rootCause, long from, long to,
                              int repeatEvery) {
        int reading = reading();
        add(monitor, labels, rootCause, monitor.symptom().severity, reading, from);
        for (long at = from + repeatEvery; repeatEvery > 0 && at < Math.min(to, SECONDS); at += repeatEvery) {
            if (random.nextDouble() < 0.3) {
                reading = reading();
            }
            add(monitor, labels, rootCause, monitor.symptom().severity, reading, at);
        }
        if (to < SECONDS) {
            add(monitor, labels, rootCause, Severity.Ok, reading, to);
        }
    }

    private int reading() {
        return 2 + random.nextInt(998);
    }

    private static String title(Monitor monitor) {
        return Symptom.render(monitor.symptom().title, monitor.service(), monitor.host(), monitor.target(),
                monitor.upstream(), 0);
    }

    private static String description(Monitor monitor, int reading) {
        return Symptom.render(monitor.symptom().description, monitor.service(), monitor.host(), monitor.target(),
                monitor.upstream(), reading);
    }

    private void add(Monitor monitor, Map<String, String> labels, String rootCause, Severity status, int reading,
                     long second) {
        AlertEvent event = new AlertEvent(monitor.integration(), CHANNEL_ID, monitor.key(), status,
                monitor.symptom().title, title(monitor), description(monitor, reading), labels, List.of(),
                START + second);
        events.add(new TimedEvent(second, random.nextLong(), new StormEvent(event, rootCause)));
    }
}
