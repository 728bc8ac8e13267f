package dev.quell.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.engine.AlertEvent;
import dev.quell.engine.Integration;
import dev.quell.ingest.InvalidEventException;
import dev.quell.ingest.StandardEventDecoder;
import org.openjdk.jmh.annotations.Benchmark;

import java.nio.charset.StandardCharsets;

/**
 * What the event loop spends turning a push body into an event: the request example of the alert-event API (five
 * labels, a {@code $a::$b} title rule), validated, truncated and its title rendered.
 */
public class DecoderBenchmark extends SingleCallBenchmark {
    private static final byte[] SEED_EXAMPLE = """
            {"event_status": "Warning", "alert_key": "bench-0000000042",
             "description": "cpu idle low than 20%", "title_rule": "$cluster::$resource::$check",
             "labels": {"resource": "es.nj.01", "check": "cpu.idle<20%", "service": "engine",
                        "cluster": "nj", "metric": "node_cpu_seconds_total"}}""".getBytes(StandardCharsets.UTF_8);
    private static final Integration INTEGRATION = new Integration(7, "bench", Integration.STANDARD,
            "0123456789abcdef0123456789abcdef", 3, Integration.ENABLED, null, null, 0, 0);

    private final StandardEventDecoder decoder = new StandardEventDecoder(new ObjectMapper());

    @Benchmark
    public AlertEvent decodeTheSeedExample() throws InvalidEventException {
        return decoder.decode(SEED_EXAMPLE, INTEGRATION, 1_750_000_000L);
    }
}
