package dev.quell.bench;

import dev.quell.store.Json;
import org.openjdk.jmh.annotations.Benchmark;

import java.util.Map;
import java.util.TreeMap;

/**
 * The labels' JSON that the store writes for each new alert, its incident and its event: the request example's five
 * labels plus the twenty that rules-load's enrichment steps add, none of them holding a character to escape.
 */
public class LabelsJsonBenchmark extends SingleCallBenchmark {
    private final Map<String, String> labels = new TreeMap<>();

    public LabelsJsonBenchmark() {
        labels.putAll(Map.of("resource", "es.nj.01", "check", "cpu.idle<20%", "service", "engine", "cluster", "nj",
                "metric", "node_cpu_seconds_total"));
        for (int step = 0; step < 20; step++) {
            labels.put("enriched_" + step, "value-of-step-" + step + "-for-es.nj.01");
        }
    }

    @Benchmark
    public String writeTwentyFiveLabels() {
        return Json.writeLabels(labels);
    }
}
