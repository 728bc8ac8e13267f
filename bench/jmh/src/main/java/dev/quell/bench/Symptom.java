package dev.quell.bench;

import dev.quell.engine.Severity;

/**
 * What a monitor reports, as a title and a description template. Placeholders: {@code {service}} and
 * {@code {host}} the emitter, {@code {target}} what the check watches (a database, a topic, an endpoint...),
 * {@code {upstream}} the service called, {@code {value}} the reading, which changes from one event to the next.
 * The check name, which the {@code check} label carries, is the constant's name in lower case.
 */
enum Symptom {
    DATABASE_DOWN(Severity.Critical, "Database {target} is down", "{host}:5432 has not answered probes for {value}s"),
    REPLICATION_LAG(Severity.Warning, "Replication lag on {target}", "replica is {value}s behind the primary"),
    TOO_MANY_CONNECTIONS(Severity.Warning, "Too many connections on {target}", "{value} of 500 connections in use"),
    DATABASE_ERRORS(Severity.Critical, "{service}: errors querying {target}",
            "{value} errors/s, last one: connection refused"),
    CONNECTION_POOL_EXHAUSTED(Severity.Warning, "Connection pool exhausted in {service}",
            "{value} threads waiting for a connection"),
    SLOW_QUERIES(Severity.Warning, "Slow queries from {service}", "p95 query time {value} ms on {target}"),

    REDIS_OUT_OF_MEMORY(Severity.Critical, "Redis {target} out of memory", "used_memory at {value}% of maxmemory"),
    REDIS_EVICTIONS(Severity.Warning, "High eviction rate on {target}", "{value} keys evicted per second"),
    CACHE_ERRORS(Severity.Warning, "{service} cache errors", "{value} failed GETs/s on {target}"),
    CACHE_HIT_RATIO_LOW(Severity.Warning, "Cache hit ratio dropped for {service}", "hit ratio {value}%"),

    UNDER_REPLICATED_PARTITIONS(Severity.Warning, "Under-replicated partitions for {target}",
            "{value} partitions below min.insync.replicas"),
    CONSUMER_LAG(Severity.Critical, "Consumer lag on {target}", "group {service} is {value} messages behind"),
    PUBLISH_ERRORS(Severity.Warning, "{service} failing to publish", "{value} produce errors/s to {target}"),
    PROCESSING_DELAYED(Severity.Warning, "Processing delayed in {service}", "oldest message is {value}s old"),

    SWITCH_UNREACHABLE(Severity.Critical, "Switch {target} not responding", "SNMP polls timing out for {value}s"),
    INTERFACE_ERRORS(Severity.Critical, "Interface errors on {target}", "CRC errors on the uplink at {value}/s"),
    HOST_UNREACHABLE(Severity.Critical, "Host {host} unreachable", "{value}% ping loss from the monitoring node"),
    PACKET_LOSS(Severity.Warning, "Packet loss on {host}", "{value}% loss to the default gateway"),

    CRASH_LOOP(Severity.Critical, "{service} pods in CrashLoopBackOff", "{value} restarts in the last 10 minutes"),
    ERROR_BUDGET_BURN(Severity.Critical, "Error budget burning fast for {service}",
            "burn rate {value}x over the last hour"),

    DISK_FULL(Severity.Critical, "Disk almost full on {host}", "/var at {value}% used"),
    DISK_IO_SATURATED(Severity.Warning, "Disk I/O saturated on {host}", "iowait at {value}%"),
    LOG_SHIPPING_STALLED(Severity.Warning, "Log shipping stalled on {host}", "fluent-bit buffer at {value}%"),
    WRITE_ERRORS(Severity.Critical, "{service} write errors on {host}", "no space left on device, {value} failures"),

    CERTIFICATE_EXPIRED(Severity.Critical, "Certificate for {target} has expired",
            "notAfter passed {value} minutes ago"),
    TLS_HANDSHAKE_FAILURES(Severity.Critical, "{service}: TLS handshake failures to {target}",
            "x509: certificate has expired, {value} failures"),
    OUTBOUND_HTTPS_ERRORS(Severity.Warning, "Outbound HTTPS errors from {service}",
            "{value}% of calls to {target} failing"),

    HTTP_5XX(Severity.Critical, "{service} 5xx rate above 5%", "{value}% of requests failed over 5m"),
    LATENCY_P99(Severity.Warning, "High p99 latency on {service}", "p99 {value} ms over 5m"),
    HEALTH_CHECK_FAILING(Severity.Critical, "Health check failing: {service} on {host}",
            "readiness probe failed {value} times"),
    UPSTREAM_TIMEOUTS(Severity.Warning, "{service}: timeouts calling {upstream}", "{value} timeouts per minute"),

    CPU_HIGH(Severity.Warning, "CPU usage high on {host}", "cpu at {value}% for 10m"),
    MEMORY_HIGH(Severity.Warning, "Memory usage high on {host}", "{value}% of memory used"),
    CLOCK_SKEW(Severity.Info, "Clock skew on {host}", "NTP offset {value} ms"),
    CERTIFICATE_EXPIRING(Severity.Info, "Certificate for {target} expires soon", "{value} days left"),
    CRON_JOB_FAILED(Severity.Warning, "Cron job failed in {service}", "exit code {value}"),
    POD_RESTARTED(Severity.Info, "{service} pod restarted", "{value} restarts in the last hour");

    final Severity severity;
    final String title;
    final String description;
    /** A monitor that names a target or an upstream watches each separately, so they are part of its identity. */
    final boolean watchesTarget;
    final boolean watchesUpstream;

    Symptom(Severity severity, String title, String description) {
        this.severity = severity;
        this.title = title;
        this.description = description;
        this.watchesTarget = (title + description).contains("{target}");
        this.watchesUpstream = (title + description).contains("{upstream}");
    }

    String check() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    static String render(String template, String service, String host, String target, String upstream, int value) {
        return template.replace("{service}", service).replace("{host}", host)
                .replace("{target}", target == null ? "" : target)
                .replace("{upstream}", upstream == null ? "" : upstream)
                .replace("{value}", Integer.toString(value));
    }
}
