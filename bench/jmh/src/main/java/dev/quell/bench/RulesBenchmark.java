package dev.quell.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quell.engine.AlertPipeline;
import dev.quell.engine.ChangeSet;
import dev.quell.engine.ChannelRule;
import dev.quell.engine.ChannelRules;
import dev.quell.engine.Engine;
import dev.quell.engine.EngineState;
import dev.quell.engine.Enrichment;
import dev.quell.engine.InhibitRule;
import dev.quell.engine.SilenceRule;
import dev.quell.engine.SilenceWindow;
import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import dev.quell.filter.InvalidFilter;
import dev.quell.shard.ObjectIds;
import dev.quell.store.EnrichmentJson;
import dev.quell.store.PipelineJson;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;

import java.io.IOException;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The engine alone (no SQLite) on {@link WriterBenchmark}'s traffic, the push API's example event with alert keys
 * cycling over 100,000 values, with {@code rules} {@code none} or {@code all}: bench/rules-load.sh's mix of 100
 * silence rules, 50 inhibit rules, 50 pipeline steps and 20 enrichment steps, all evaluated for every event and none
 * discarding one. The difference between the two scores is what the rules cost the writer's engine work; the pipeline
 * and enrichment steps are read from the same JSON the load script sends. Scores are events per second on one
 * thread.
 */
public class RulesBenchmark extends WriterPathBenchmark {
    private static final int KEYS = 100_000;
    /** The integration and channel of {@link WriterBenchmark#pushExample}. */
    private static final long INTEGRATION = 1;
    private static final long CHANNEL = 1;

    @Param({"none", "all"})
    public String rules;

    private Engine engine;
    private EngineState state;
    private long sequence;

    @Setup(Level.Trial)
    public void open() throws IOException, InvalidFilter {
        engine = new Engine(new ObjectIds());
        state = new EngineState();
        if (rules.equals("all")) {
            long now = System.currentTimeMillis() / 1000;
            List<ChannelRule> channelRules = new ArrayList<>();
            channelRules.addAll(silenceRules(now));
            channelRules.addAll(inhibitRules(now));
            engine.applySetting(state, ChannelRules.of(CHANNEL, channelRules));
            ObjectMapper json = new ObjectMapper();
            engine.applySetting(state, new AlertPipeline(INTEGRATION, "bench",
                    PipelineJson.rules(json.readTree(pipelineSteps())), now, now));
            engine.applySetting(state, new Enrichment(INTEGRATION,
                    EnrichmentJson.rules(json.readTree(enrichmentSteps())), now, now));
        }
    }

    /** On other services (an exact value, a wildcard, a regex) or another cluster, in windows covering every hour. */
    private static List<SilenceRule> silenceRules(long now) throws InvalidFilter {
        SilenceWindow always = new SilenceWindow.Weekly(List.of(new SilenceWindow.Slot(LocalTime.MIDNIGHT,
                LocalTime.of(23, 59), Set.of())), ZoneId.of("Europe/Berlin"));
        List<SilenceRule> silences = new ArrayList<>();
        for (int i = 1; i <= 100; i++) {
            Filter filters = Filter.compile(List.of(
                    List.of(new ConditionSpec("labels.service", "IN",
                            List.of("svc-" + i, "svc-" + i + "-*", "/^batch-" + i + "-[0-9]+$/"))),
                    List.of(new ConditionSpec("labels.cluster", "IN", List.of("dc-" + i)),
                            new ConditionSpec("severity", "IN", List.of("Info")))));
            silences.add(new SilenceRule("silence-" + i, CHANNEL, i, "silence " + i, "", filters, always, false,
                    ChannelRule.ENABLED, "", now, now));
        }
        return silences;
    }

    /** Targeting these events, with sources (other checks) that are never active. */
    private static List<InhibitRule> inhibitRules(long now) throws InvalidFilter {
        List<InhibitRule> inhibits = new ArrayList<>();
        for (int i = 1; i <= 50; i++) {
            inhibits.add(new InhibitRule("inhibit-" + i, CHANNEL, i, "inhibit " + i, "",
                    Filter.compile(List.of(List.of(new ConditionSpec("labels.check", "IN",
                            List.of("node-down-" + i))))),
                    Filter.compile(List.of(List.of(new ConditionSpec("severity", "IN",
                            List.of("Warning", "Info"))))),
                    List.of("labels.resource"), false, ChannelRule.ENABLED, now, now));
        }
        return inhibits;
    }

    /** 49 severity resets for other clusters, then a title reset from a template. */
    private static String pipelineSteps() {
        StringBuilder steps = new StringBuilder("[");
        for (int i = 1; i <= 49; i++) {
            steps.append("{\"kind\":\"severity_reset\",\"if\":[[{\"key\":\"labels.cluster\",\"oper\":\"IN\",")
                    .append("\"vals\":[\"dc-").append(i).append("\"]}]],\"settings\":{\"severity\":\"Info\"}},");
        }
        return steps.append("{\"kind\":\"title_reset\",\"settings\":{\"title\":")
                .append("\"[TPL]{{.Labels.cluster}} {{.Labels.check}} on {{.Labels.resource}}\"}}]").toString();
    }

    /** Ten RE2 extractions from the title and ten compositions. */
    private static String enrichmentSteps() {
        List<String> steps = new ArrayList<>();
        for (int i = 1; i <= 10; i++) {
            steps.add("{\"kind\":\"extraction\",\"settings\":{\"source_field\":\"title\",\"pattern\":"
                    + "\"(?P<result>[a-z]+\\\\.[a-z]+\\\\.0?" + i + ")\",\"result_label\":\"node_" + i + "\"}}");
            steps.add("{\"kind\":\"composition\","
                    + "\"if\":[{\"key\":\"labels.cluster\",\"oper\":\"IN\",\"vals\":[\"nj\"]}],"
                    + "\"settings\":{\"template\":\"{{.labels.cluster}}-{{.labels.service}}-" + i
                    + "\",\"result_label\":\"team_" + i + "\"}}");
        }
        return "[" + String.join(",", steps) + "]";
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public ChangeSet applyABatch() {
        long now = System.currentTimeMillis() / 1000;
        ChangeSet changes = new ChangeSet();
        for (int i = 0; i < BATCH; i++) {
            changes.add(engine.apply(state, WriterBenchmark.pushExample("bench-" + (sequence++ % KEYS), now), now));
        }
        return changes;
    }
}
