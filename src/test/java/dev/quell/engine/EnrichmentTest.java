package dev.quell.engine;

import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Expression;
import dev.quell.filter.Filter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quell.engine.Events.event;
import static org.assertj.core.api.Assertions.assertThat;

class EnrichmentTest {
    private static final long T0 = 1_700_000_000L;

    private final Engine engine = new Engine(Events.countingIds());
    private final EngineState state = new EngineState();

    private void enrich(EnrichRule... rules) {
        engine.applySetting(state, new Enrichment(Events.INTEGRATION, List.of(rules), T0, T0));
    }

    private static EnrichRule extract(String source, String pattern, String label, boolean override) {
        return new EnrichRule(EnrichRule.Kind.extraction, Filter.MATCH_ALL, source, Expression.compile(pattern), null,
                label, List.of(), "", List.of(), override);
    }

    private Map<String, String> labelsOf(String title, Map<String, String> labels) {
        return engine.apply(state, event("k" + System.nanoTime(), Severity.Warning, title, "", labels, T0), T0)
                .alert().labels();
    }

    @Test
    void extractionTakesTheNamedGroupResultOrTheWholeMatch() {
        enrich(extract("title", "on (?P<result>[a-z]+-\\d+)", "host", false),
                extract("title", "[0-9]+%", "reading", false));

        assertThat(labelsOf("disk 93% full on db-12", Map.of()))
                .containsEntry("host", "db-12").containsEntry("reading", "93%");
        assertThat(labelsOf("nothing to see", Map.of())).doesNotContainKeys("host", "reading");
    }

    @Test
    void anExistingLabelIsKeptUnlessTheStepOverrides() {
        enrich(extract("title", "on (?P<result>\\S+)", "host", false));
        assertThat(labelsOf("down on db-1", Map.of("host", "given"))).containsEntry("host", "given");

        enrich(extract("title", "on (?P<result>\\S+)", "host", true));
        assertThat(labelsOf("down on db-1", Map.of("host", "given"))).containsEntry("host", "db-1");
    }

    @Test
    void aStepIsNamedInTheEventsRewritesOnlyWhenItChangedALabel() {
        enrich(extract("title", "on (?P<result>\\S+)", "host", false),
                extract("title", "on (?P<result>\\S+)", "node", true),
                extract("title", "on (?P<result>\\S+)", "node", true));

        Outcome outcome = engine.apply(state, event("k1", Severity.Warning, "down on db-1", "",
                Map.of("host", "given", "node", "old"), T0), T0);

        assertThat(outcome.alert().labels()).containsEntry("host", "given").containsEntry("node", "db-1");
        assertThat(outcome.storedEvent().rewrites())
                .as("the first step kept an existing label, the third wrote the value already there")
                .containsExactly("enrichment:1:1 extraction");
    }

    @Test
    void stepsChainCompositionSeesEarlierStepsAndDropRemoves() throws Exception {
        enrich(extract("labels.instance", "^(?P<result>[^:]+)", "host", false),
                new EnrichRule(EnrichRule.Kind.composition, Filter.MATCH_ALL, "", null,
                        CompositionTemplate.parse("{{.labels.region}}/{{.labels.host}}: {{.title}}"), "summary", List.of(), "", List.of(), false),
                new EnrichRule(EnrichRule.Kind.drop, Filter.compile(List.of(List.of(new ConditionSpec("labels.region",
                        "IN", List.of("eu"))))), "", null, null, "", List.of("instance"), "", List.of(), false));

        Map<String, String> labels = labelsOf("down", Map.of("instance", "db-1:9100", "region", "eu"));

        assertThat(labels).containsEntry("host", "db-1").containsEntry("summary", "eu/db-1: down")
                .doesNotContainKey("instance");
        Outcome traced = engine.apply(state, event("traced", Severity.Warning, "down", "",
                Map.of("instance", "db-3:9100", "region", "us"), T0), T0);
        assertThat(traced.storedEvent().rewrites()).containsExactly("enrichment:1:0 extraction",
                "enrichment:1:1 composition");
        assertThat(labelsOf("down", Map.of("instance", "db-2:9100", "region", "us"))).containsKey("instance");
    }

    @Test
    void mappingLooksTheSourceLabelsUpAndAddsTheRowsValues() {
        engine.applySetting(state, new MappingTable("cmdb", "CMDB", "", List.of("host"), List.of("owner", "team"),
                Map.of(List.of("db-1"), List.of("alice", "storage")), T0, T0));
        enrich(new EnrichRule(EnrichRule.Kind.mapping, Filter.MATCH_ALL, "", null, null, "", List.of(), "cmdb",
                List.of(), false));

        assertThat(labelsOf("down", Map.of("host", "db-1", "team", "given")))
                .containsEntry("owner", "alice").containsEntry("team", "given");
        assertThat(labelsOf("down", Map.of("host", "db-9"))).doesNotContainKey("owner");
        assertThat(labelsOf("down", Map.of())).doesNotContainKey("owner");

        engine.applySetting(state, new MappingTable("cmdb", "", "", List.of(), List.of(), Map.of(), T0, T0));
        assertThat(labelsOf("down", Map.of("host", "db-1"))).as("a deleted table maps nothing")
                .doesNotContainKey("owner");
    }

    @Test
    void enrichedLabelsFeedGroupingAndRules() {
        enrich(extract("title", "on (?P<result>\\S+)", "host", false));
        engine.applySetting(state, new Channel(Events.CHANNEL, "c", "", Channel.ENABLED, 0,
                Channel.AutoResolveMode.trigger, false, new Grouping(GroupMethod.p, List.of(List.of("labels.host")),
                List.of(), true, 0, Grouping.WindowType.tumbling, List.of(), Grouping.DEFAULT_SIMILARITY_KEYS, 0.8),
                new Flapping(Flapping.Mode.off, 4, 60, 120), T0, T0));

        Outcome first = engine.apply(state, event("a", Severity.Warning, "cpu high on db-1", "", Map.of(), T0), T0);
        Outcome second = engine.apply(state, event("b", Severity.Warning, "disk full on db-1", "", Map.of(), T0), T0);

        assertThat(second.incident().incidentId()).isEqualTo(first.incident().incidentId());
    }
}
