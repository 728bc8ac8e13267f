package dev.quell.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

/**
 * A made-up production estate for {@link StormGenerator}: clusters of nodes in racks behind top-of-rack switches,
 * services of a shop (orders-api, payments-worker, ...) running on some of the nodes of one cluster, and what the
 * services depend on: databases, Redis caches, Kafka topics, outside TLS endpoints and each other. Everything is
 * drawn from the random source, so one seed always gives the same estate.
 */
final class Fleet {
    /** The estate of a 200-cause storm: eight production clusters and a staging one, about 800 nodes. */
    static final int STORM_PROD_CLUSTERS = 8;
    static final int STORM_NODES_PER_CLUSTER = 96;

    private static final int NODES_PER_RACK = 8;
    private static final String[] REGIONS = {"use1", "euw1", "apse1", "usw2", "euc1", "sae1"};
    private static final String[] DOMAINS = {"orders", "payments", "users", "catalog", "search", "cart", "checkout",
            "shipping", "billing", "inventory", "auth", "notifications", "pricing", "reviews", "media", "fraud",
            "loyalty", "ledger", "accounts", "recommendations", "ads", "messaging", "documents", "subscriptions",
            "returns", "warehouse", "suppliers", "reporting", "audit", "tax", "identity", "giftcards", "wishlist",
            "marketplace", "sellers", "delivery", "payouts", "chargebacks", "translations", "experiments"};
    private static final String[] ROLES = {"api", "worker", "web", "consumer", "scheduler", "gateway"};
    private static final String[] TLS_ENDPOINTS = {"psp.example.net", "sms.example.net", "mail.example.net",
            "maps.example.net", "vat.example.net", "carrier.example.net", "sso.internal.example.com",
            "cdn.example.com", "partner-api.example.org", "fx-rates.example.net", "kyc.example.net",
            "push.example.net", "geoip.example.net", "search-saas.example.com", "vault.internal.example.com",
            "registry.internal.example.com", "s3.example-cloud.com", "captcha.example.org", "ads-exchange.example.com",
            "analytics.example.io"};

    record Node(String host, String cluster, String env, String torSwitch) {
    }

    /** A datastore: a database or a cache, reached under its own host name. */
    record Store(String name, String engine, String cluster, String env) {
    }

    record Instance(Service service, Node node) {
    }

    static final class Service {
        final String name;
        final String cluster;
        final String env;
        final List<Node> nodes = new ArrayList<>();
        final List<Store> databases = new ArrayList<>();
        final List<Store> caches = new ArrayList<>();
        final Set<String> consumes = new LinkedHashSet<>();
        final Set<String> produces = new LinkedHashSet<>();
        final Set<String> tlsEndpoints = new LinkedHashSet<>();
        final Set<Service> upstreams = new LinkedHashSet<>();

        Service(String name, String cluster, String env) {
            this.name = name;
            this.cluster = cluster;
            this.env = env;
        }

        List<Instance> instances() {
            return nodes.stream().map(node -> new Instance(this, node)).toList();
        }
    }

    final List<Node> nodes = new ArrayList<>();
    final List<String> torSwitches = new ArrayList<>();
    final List<Service> services = new ArrayList<>();
    final List<Store> databases = new ArrayList<>();
    final List<Store> caches = new ArrayList<>();
    final List<String> topics = new ArrayList<>();
    final List<String> tlsEndpoints = List.of(TLS_ENDPOINTS);
    private final Map<String, String> brokerClusterOfTopic = new LinkedHashMap<>();
    private final Map<String, Node> nodeByHost = new LinkedHashMap<>();

    private Fleet() {
    }

    /**
     * An estate of {@code prodClusters} production clusters (two per region, at most 12) of {@code nodesPerCluster}
     * nodes, plus a staging one, running the services of {@code businessUnits} copies of the shop's 40 domains
     * ({@code orders}, {@code orders2}, ...).
     */
    static Fleet build(SplittableRandom random, int prodClusters, int nodesPerCluster, int businessUnits) {
        if (prodClusters < 1 || prodClusters > 2 * REGIONS.length) {
            throw new IllegalArgumentException("1 to " + 2 * REGIONS.length + " production clusters");
        }
        Fleet fleet = new Fleet();
        List<String> prod = new ArrayList<>();
        for (int c = 0; c < prodClusters; c++) {
            String cluster = REGIONS[c / 2] + "-prod-" + (char) ('a' + c % 2);
            prod.add(cluster);
            fleet.addNodes(cluster, "prod", nodesPerCluster);
        }
        String staging = REGIONS[0] + "-staging-a";
        fleet.addNodes(staging, "staging", Math.max(NODES_PER_RACK, nodesPerCluster / 3));

        List<String> domains = new ArrayList<>();
        for (int unit = 1; unit <= businessUnits; unit++) {
            for (String domain : DOMAINS) {
                domains.add(unit == 1 ? domain : domain + unit);
            }
        }
        for (String domain : domains) {
            String home = prod.get(random.nextInt(prod.size()));
            fleet.databases.add(new Store("pg-" + domain + "-01", "postgresql", home, "prod"));
            if (random.nextDouble() < 0.3) {
                fleet.databases.add(new Store("mysql-" + domain + "-02", "mysql", home, "prod"));
            }
            if (random.nextDouble() < 0.6) {
                fleet.caches.add(new Store("redis-" + domain, "redis", home, "prod"));
            }
            if (random.nextDouble() < 0.7) {
                String topic = domain + ".events";
                fleet.topics.add(topic);
                fleet.brokerClusterOfTopic.put(topic, home);
            }
            for (String role : ROLES) {
                if (!role.equals("api") && random.nextDouble() < 0.3) {
                    continue;
                }
                // Staging runs a few back-office copies; the APIs production calls stay in production.
                boolean onStaging = !role.equals("api") && random.nextDouble() < 0.1;
                String cluster = onStaging ? staging : home;
                Service service = new Service(domain + "-" + role, cluster, onStaging ? "staging" : "prod");
                List<Node> clusterNodes = fleet.nodes.stream().filter(n -> n.cluster().equals(cluster)).toList();
                int replicas = 3 + random.nextInt(8);
                for (Node node : pickDistinct(random, clusterNodes, replicas)) {
                    service.nodes.add(node);
                }
                fleet.services.add(service);
            }
        }
        fleet.wireDependencies(random);
        return fleet;
    }

    private void addNodes(String cluster, String env, int count) {
        String prefix = cluster.replace("-prod-", "").replace("-staging-", "stg");
        for (int n = 0; n < count; n++) {
            int rack = n / NODES_PER_RACK + 1;
            String tor = String.format("tor-%s-r%02d", prefix, rack);
            if (n % NODES_PER_RACK == 0) {
                torSwitches.add(tor);
            }
            Node node = new Node(String.format("%s-r%02d-n%02d", prefix, rack, n % NODES_PER_RACK + 1), cluster, env,
                    tor);
            nodes.add(node);
            nodeByHost.put(node.host(), node);
        }
    }

    /** Who uses what: mostly their own domain's stores, sometimes another's; front ends call APIs, APIs each other. */
    private void wireDependencies(SplittableRandom random) {
        List<Service> apis = services.stream().filter(s -> s.name.endsWith("-api")).toList();
        for (Service service : services) {
            String domain = service.name.substring(0, service.name.lastIndexOf('-'));
            String role = service.name.substring(service.name.lastIndexOf('-') + 1);
            boolean backend = role.equals("api") || role.equals("worker") || role.equals("consumer")
                    || role.equals("scheduler");
            if (backend) {
                databases.stream().filter(db -> db.name().contains("-" + domain + "-"))
                        .filter(db -> random.nextDouble() < 0.85).forEach(service.databases::add);
                if (random.nextDouble() < 0.15) {
                    service.databases.add(databases.get(random.nextInt(databases.size())));
                }
            }
            if (!role.equals("scheduler")) {
                caches.stream().filter(cache -> cache.name().equals("redis-" + domain))
                        .filter(cache -> random.nextDouble() < 0.6).forEach(service.caches::add);
            }
            if (topics.contains(domain + ".events") && (role.equals("api") || role.equals("worker"))) {
                service.produces.add(domain + ".events");
            }
            if (role.equals("consumer") || role.equals("worker")) {
                pickDistinct(random, topics, 1 + random.nextInt(3)).stream()
                        .filter(topic -> !topic.startsWith(domain + ".")).forEach(service.consumes::add);
            }
            for (String endpoint : TLS_ENDPOINTS) {
                if (random.nextDouble() < 0.04) {
                    service.tlsEndpoints.add(endpoint);
                }
            }
            int calls = switch (role) {
                case "web", "gateway" -> 2 + random.nextInt(3);
                default -> random.nextInt(3);
            };
            for (Service upstream : pickDistinct(random, apis, calls)) {
                if (upstream != service) {
                    service.upstreams.add(upstream);
                }
            }
        }
    }

    List<Service> callersOf(Service upstream) {
        return services.stream().filter(s -> s.upstreams.contains(upstream)).toList();
    }

    List<Service> usersOf(Store store) {
        return services.stream().filter(s -> s.databases.contains(store) || s.caches.contains(store)).toList();
    }

    List<Service> clientsOfTopic(String topic) {
        return services.stream().filter(s -> s.consumes.contains(topic) || s.produces.contains(topic)).toList();
    }

    List<Service> clientsOfEndpoint(String endpoint) {
        return services.stream().filter(s -> s.tlsEndpoints.contains(endpoint)).toList();
    }

    List<Instance> instancesOn(List<Node> hosts) {
        List<Instance> instances = new ArrayList<>();
        for (Service service : services) {
            for (Node node : service.nodes) {
                if (hosts.contains(node)) {
                    instances.add(new Instance(service, node));
                }
            }
        }
        return instances;
    }

    List<Node> nodesBehind(String torSwitch) {
        return nodes.stream().filter(n -> n.torSwitch().equals(torSwitch)).toList();
    }

    /** The switch in front of the host, or null for a host that is no node (a database, a broker, a prober). */
    String torSwitchOf(String host) {
        Node node = nodeByHost.get(host);
        return node == null ? null : node.torSwitch();
    }

    /** The Kafka brokers a topic lives on, one host per broker. */
    List<String> brokersOf(String topic) {
        String prefix = brokerClusterOfTopic.get(topic).replace("-prod-", "");
        return List.of("kafka-" + prefix + "-1", "kafka-" + prefix + "-2", "kafka-" + prefix + "-3");
    }

    String brokerClusterOf(String topic) {
        return brokerClusterOfTopic.get(topic);
    }

    private static <T> List<T> pickDistinct(SplittableRandom random, List<T> from, int count) {
        List<T> pool = new ArrayList<>(from);
        List<T> picked = new ArrayList<>();
        while (picked.size() < count && !pool.isEmpty()) {
            picked.add(pool.remove(random.nextInt(pool.size())));
        }
        return picked;
    }
}
