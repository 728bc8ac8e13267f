package dev.quell.engine;

import dev.quell.filter.ConditionSpec;
import dev.quell.filter.Filter;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.quell.engine.Events.event;
import static dev.quell.engine.Events.ok;
import static org.assertj.core.api.Assertions.assertThat;

class GroupingTest {
    private static final long T0 = 1_700_000_000L;

    private final Engine engine = new Engine(Events.countingIds());
    private final EngineState state = new EngineState();

    private void grouping(Grouping grouping) {
        engine.applySetting(state, new Channel(Events.CHANNEL, "c", "", Channel.ENABLED, 0,
                Channel.AutoResolveMode.trigger, false, grouping, new Flapping(Flapping.Mode.off, 4, 60, 120), T0, T0));
    }

    private static Grouping rules(List<List<String>> equals) {
        return new Grouping(GroupMethod.p, equals, List.of(), false, 0, Grouping.WindowType.tumbling, List.of(),
                Grouping.DEFAULT_SIMILARITY_KEYS, Grouping.DEFAULT_SCORE_THRESHOLD);
    }

    private static Grouping withWindow(Grouping g, int minutes, Grouping.WindowType type) {
        return new Grouping(g.method(), g.equals(), g.cases(), g.allEqualsRequired(), minutes, type,
                g.stormThresholds(), g.similarityKeys(), g.scoreThreshold());
    }

    private Outcome fire(String key, Severity severity, Map<String, String> labels, long now) {
        return engine.apply(state, event(key, severity, "disk full on " + key, "", labels, now), now);
    }

    @Test
    void withGroupingOffEachAlertOpensItsOwnIncident() {
        grouping(Grouping.OFF);
        Outcome first = fire("a", Severity.Warning, Map.of("service", "db"), T0);
        Outcome second = fire("b", Severity.Warning, Map.of("service", "db"), T0);

        assertThat(second.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(second.incident().incidentId()).isNotEqualTo(first.incident().incidentId());
        assertThat(second.incident().groupMethod()).isEqualTo(GroupMethod.n);
    }

    @Test
    void ruleBasedGroupingJoinsAlertsWithEqualDimensionsAndSaysWhy() {
        grouping(rules(List.of(List.of("labels.service"))));
        Incident opened = fire("a", Severity.Warning, Map.of("service", "db"), T0).incident();
        Outcome joined = fire("b", Severity.Critical, Map.of("service", "db"), T0 + 5);

        assertThat(joined.kind()).isEqualTo(Outcome.Kind.JOINED);
        assertThat(joined.alert().incidentId()).isEqualTo(opened.incidentId());
        Incident incident = joined.incident();
        assertThat(incident.alertCnt()).isEqualTo(2);
        assertThat(incident.activeAlertCnt()).isEqualTo(2);
        assertThat(incident.severity()).isEqualTo(Severity.Critical);
        assertThat(incident.title()).isEqualTo("disk full on a");
        assertThat(incident.groupMethod()).isEqualTo(GroupMethod.p);
        assertThat(incident.dedupKey()).isEqualTo("labels.service=db");
        assertThat(joined.timeline()).singleElement().satisfies(entry -> {
            assertThat(entry.type()).isEqualTo("a_merge");
            assertThat(entry.incidentId()).isEqualTo(opened.incidentId());
            assertThat(entry.detail()).containsEntry("alert_id", joined.alert().alertId())
                    .containsEntry("method", "p").containsEntry("dimensions", "labels.service=db");
        });
        assertThat(fire("c", Severity.Warning, Map.of("service", "web"), T0 + 6).kind()).isEqualTo(Outcome.Kind.OPENED);
    }

    /**
     * Resolves the incident by hand, fires {@code meanwhile} (alert keys) while it is closed, reopens it, and answers
     * what a later alert with the same labels does.
     */
    private Outcome alertAfterAReopen(Incident incident, Map<String, String> labels, List<String> meanwhile) {
        Incident resolved = engine.act(state, new IncidentAction(IncidentAction.Kind.RESOLVE,
                List.of(incident.incidentId()), "api", Map.of()), Map.of(), T0 + 10).incidents().get(0);
        for (String key : meanwhile) {
            assertThat(fire(key, Severity.Warning, labels, T0 + 15).incident().incidentId())
                    .as("a closed incident takes no alert").isNotEqualTo(incident.incidentId());
        }
        engine.act(state, new IncidentAction(IncidentAction.Kind.REOPEN, List.of(incident.incidentId()), "api",
                Map.of()), Map.of(incident.incidentId(), resolved), T0 + 20);
        return fire("after-reopen", Severity.Warning, labels, T0 + 25);
    }

    @Test
    void aReopenedIncidentTakesAlertsAgainUnderRules() {
        grouping(rules(List.of(List.of("labels.service"))));
        Incident opened = fire("a", Severity.Warning, Map.of("service", "db"), T0).incident();

        Outcome later = alertAfterAReopen(opened, Map.of("service", "db"), List.of());

        assertThat(later.kind()).isEqualTo(Outcome.Kind.JOINED);
        assertThat(later.incident().incidentId()).isEqualTo(opened.incidentId());
    }

    @Test
    void aKeyTakenWhileAnIncidentWasClosedStaysWithTheNewerIncidentAsAfterARestart() {
        grouping(rules(List.of(List.of("labels.service"))));
        Incident opened = fire("a", Severity.Warning, Map.of("service", "db"), T0).incident();

        Outcome later = alertAfterAReopen(opened, Map.of("service", "db"), List.of("closed-meanwhile"));

        assertThat(later.kind()).isEqualTo(Outcome.Kind.JOINED);
        assertThat(later.incident().incidentId()).isNotEqualTo(opened.incidentId());
        assertThat(later.incident().firstAlertId()).isNotEqualTo(opened.firstAlertId());
    }

    @Test
    void aReopenedIncidentTakesAlertsAgainByIntelligentGrouping() {
        grouping(intelligent(0.8));
        Incident opened = fire("disk", Severity.Warning, Map.of("service", "db"), T0).incident();

        // "disk full on after-reopen" against "disk full on disk": (3/5 + 1) / 2 = 0.8
        Outcome later = alertAfterAReopen(opened, Map.of("service", "db"), List.of());

        assertThat(later.kind()).isEqualTo(Outcome.Kind.JOINED);
        assertThat(later.incident().incidentId()).isEqualTo(opened.incidentId());
    }

    @Test
    void theIncidentFollowsItsAlertsAndClosesWhenAllRecovered() {
        grouping(rules(List.of(List.of("labels.service"))));
        fire("a", Severity.Warning, Map.of("service", "db"), T0);
        fire("b", Severity.Critical, Map.of("service", "db"), T0);

        Incident afterB = engine.apply(state, ok("b", T0 + 10), T0 + 10).incident();
        assertThat(afterB.severity()).isEqualTo(Severity.Warning);
        assertThat(afterB.activeAlertCnt()).isEqualTo(1);
        assertThat(afterB.isOpen()).isTrue();

        Incident afterA = engine.apply(state, ok("a", T0 + 20), T0 + 20).incident();
        assertThat(afterA.isOpen()).isFalse();
    }

    @Test
    void aClosedIncidentNeverTakesANewAlert() {
        grouping(rules(List.of(List.of("labels.service"))));
        Incident first = fire("a", Severity.Warning, Map.of("service", "db"), T0).incident();
        engine.apply(state, ok("a", T0 + 1), T0 + 1);

        Outcome later = fire("b", Severity.Warning, Map.of("service", "db"), T0 + 2);

        assertThat(later.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(later.incident().incidentId()).isNotEqualTo(first.incidentId());
    }

    @Test
    void emptyValuesGroupTogetherUnlessStrict() {
        grouping(rules(List.of(List.of("labels.service"))));
        Incident loose = fire("a", Severity.Warning, Map.of(), T0).incident();
        assertThat(fire("b", Severity.Warning, Map.of(), T0).incident().incidentId()).isEqualTo(loose.incidentId());

        Grouping strict = new Grouping(GroupMethod.p, List.of(List.of("labels.service")), List.of(), true, 0,
                Grouping.WindowType.tumbling, List.of(), Grouping.DEFAULT_SIMILARITY_KEYS, 0.8);
        grouping(strict);
        Outcome c = fire("c", Severity.Warning, Map.of(), T0 + 1);
        Outcome d = fire("d", Severity.Warning, Map.of(), T0 + 1);
        assertThat(c.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(d.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(d.incident().incidentId()).isNotEqualTo(c.incident().incidentId());
        assertThat(fire("e", Severity.Warning, Map.of("service", "db"), T0 + 1).kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(fire("f", Severity.Warning, Map.of("service", "db"), T0 + 1).kind()).isEqualTo(Outcome.Kind.JOINED);
    }

    @Test
    void dimensionListsAreTriedInOrder() {
        grouping(rules(List.of(List.of("labels.host"), List.of("labels.service"))));
        Incident byHost = fire("a", Severity.Warning, Map.of("host", "h1", "service", "db"), T0).incident();
        Incident other = fire("b", Severity.Warning, Map.of("host", "h2", "service", "web"), T0).incident();

        Outcome sameService = fire("c", Severity.Warning, Map.of("host", "h3", "service", "web"), T0);
        assertThat(sameService.incident().incidentId()).isEqualTo(other.incidentId());
        assertThat(sameService.timeline().get(0).detail()).containsEntry("dimensions", "labels.service=web");

        Outcome sameHost = fire("d", Severity.Warning, Map.of("host", "h1", "service", "web"), T0);
        assertThat(sameHost.incident().incidentId()).isEqualTo(byHost.incidentId());
        assertThat(sameHost.timeline().get(0).detail()).containsEntry("dimensions", "labels.host=h1");
    }

    @Test
    void theFirstMatchingCaseDecidesTheDimensionsAndTheDefaultCatchesTheRest() throws Exception {
        GroupCase prodByHost = new GroupCase(Filter.compile(List.of(List.of(
                new ConditionSpec("labels.env", "IN", List.of("prod"))))), List.of(List.of("labels.host")));
        grouping(new Grouping(GroupMethod.p, List.of(List.of("labels.service")), List.of(prodByHost), false, 0,
                Grouping.WindowType.tumbling, List.of(), Grouping.DEFAULT_SIMILARITY_KEYS, 0.8));

        Incident prod = fire("a", Severity.Warning, Map.of("env", "prod", "host", "h1", "service", "db"), T0).incident();
        Outcome prodOtherService = fire("b", Severity.Warning,
                Map.of("env", "prod", "host", "h1", "service", "web"), T0);
        assertThat(prodOtherService.incident().incidentId()).isEqualTo(prod.incidentId());

        Outcome stagingSameHost = fire("c", Severity.Warning,
                Map.of("env", "staging", "host", "h1", "service", "db"), T0);
        assertThat(stagingSameHost.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(stagingSameHost.incident().dedupKey()).isEqualTo("labels.service=db");
        assertThat(fire("d", Severity.Warning, Map.of("env", "dev", "host", "h9", "service", "db"), T0)
                .incident().incidentId()).isEqualTo(stagingSameHost.incident().incidentId());
    }

    @Test
    void aTumblingWindowCountsFromTheIncidentsOpening() {
        grouping(withWindow(rules(List.of(List.of("labels.service"))), 10, Grouping.WindowType.tumbling));
        Incident first = fire("a", Severity.Warning, Map.of("service", "db"), T0).incident();
        assertThat(fire("b", Severity.Warning, Map.of("service", "db"), T0 + 540).incident().incidentId())
                .isEqualTo(first.incidentId());

        Outcome late = fire("c", Severity.Warning, Map.of("service", "db"), T0 + 600);

        assertThat(late.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(fire("d", Severity.Warning, Map.of("service", "db"), T0 + 601).incident().incidentId())
                .isEqualTo(late.incident().incidentId());
    }

    @Test
    void aSlidingWindowIsResetByEachAlertThatJoins() {
        grouping(withWindow(rules(List.of(List.of("labels.service"))), 10, Grouping.WindowType.sliding));
        Incident first = fire("a", Severity.Warning, Map.of("service", "db"), T0).incident();
        fire("b", Severity.Warning, Map.of("service", "db"), T0 + 540);

        assertThat(fire("c", Severity.Warning, Map.of("service", "db"), T0 + 1000).incident().incidentId())
                .isEqualTo(first.incidentId());
        assertThat(fire("d", Severity.Warning, Map.of("service", "db"), T0 + 1600).kind())
                .isEqualTo(Outcome.Kind.OPENED);
    }

    @Test
    void anIncidentTakesAtMostFiveThousandAlerts() {
        grouping(rules(List.of(List.of("labels.service"))));
        Incident first = null;
        for (int i = 0; i < Grouping.MAX_ALERTS_PER_INCIDENT; i++) {
            Outcome outcome = fire("k" + i, Severity.Warning, Map.of("service", "db"), T0);
            first = first == null ? outcome.incident() : first;
            assertThat(outcome.incident().incidentId()).isEqualTo(first.incidentId());
        }

        Outcome overflow = fire("overflow", Severity.Warning, Map.of("service", "db"), T0);

        assertThat(overflow.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(state.openIncident(first.incidentId()).alertCnt()).isEqualTo(Grouping.MAX_ALERTS_PER_INCIDENT);
    }

    @Test
    void eachStormThresholdWritesOneEntryWhenReached() {
        grouping(new Grouping(GroupMethod.p, List.of(List.of("labels.service")), List.of(), false, 0,
                Grouping.WindowType.tumbling, List.of(5, 3), Grouping.DEFAULT_SIMILARITY_KEYS, 0.8));
        List<String> storms = new java.util.ArrayList<>();
        for (int i = 1; i <= 7; i++) {
            fire("k" + i, Severity.Warning, Map.of("service", "db"), T0).timeline().stream()
                    .filter(entry -> entry.type().equals("i_storm"))
                    .forEach(entry -> storms.add(entry.detail().get("threshold") + "@" + entry.detail().get("alert_cnt")));
        }

        assertThat(storms).containsExactly("3@3", "5@5");
    }

    @Test
    void changingTheGroupingFilesOpenIncidentsUnderTheNewSettings() {
        grouping(Grouping.OFF);
        Incident existing = fire("a", Severity.Warning, Map.of("service", "db"), T0).incident();

        grouping(rules(List.of(List.of("labels.service"))));

        assertThat(fire("b", Severity.Warning, Map.of("service", "db"), T0 + 1).incident().incidentId())
                .isEqualTo(existing.incidentId());
    }

    @Test
    void aRestoredStateGroupsTheNextAlertIntoTheSameIncident() {
        Grouping byService = rules(List.of(List.of("labels.service")));
        grouping(byService);
        Incident existing = fire("a", Severity.Warning, Map.of("service", "db"), T0).incident();
        Channel channel = new Channel(Events.CHANNEL, "c", "", Channel.ENABLED, 0, Channel.AutoResolveMode.trigger,
                false, byService, new Flapping(Flapping.Mode.off, 4, 60, 120), T0, T0);

        EngineState restored = EngineState.restore(state.activeAlerts(), state.openIncidents(), List.of(),
                List.of(channel));

        Outcome next = engine.apply(restored, event("b", Severity.Warning, "x", "", Map.of("service", "db"), T0 + 1),
                T0 + 1);
        assertThat(next.incident().incidentId()).isEqualTo(existing.incidentId());
    }

    private static Grouping intelligent(double threshold) {
        return new Grouping(GroupMethod.i, List.of(), List.of(), false, 0, Grouping.WindowType.tumbling, List.of(),
                Grouping.DEFAULT_SIMILARITY_KEYS, threshold);
    }

    private Outcome fireTitled(String key, String title, Map<String, String> labels) {
        return engine.apply(state, event(key, Severity.Warning, title, "", labels, T0), T0);
    }

    @Test
    void intelligentGroupingJoinsTheMostSimilarIncidentAndShowsTheScore() {
        grouping(intelligent(0.6));
        Incident disk = fireTitled("a", "Disk almost full on db-east", Map.of("service", "orders")).incident();
        Incident latency = fireTitled("b", "High latency on checkout", Map.of("service", "checkout")).incident();

        Outcome similar = fireTitled("c", "Disk almost full on db-west (92%)", Map.of("service", "orders"));

        assertThat(similar.kind()).isEqualTo(Outcome.Kind.JOINED);
        assertThat(similar.incident().incidentId()).isEqualTo(disk.incidentId()).isNotEqualTo(latency.incidentId());
        Map<String, String> reason = similar.timeline().get(0).detail();
        assertThat(reason).containsEntry("method", "i").containsEntry("matched_alert_id", disk.firstAlertId())
                .containsEntry("threshold", "0.600").containsEntry("score.labels.service", "1.000")
                .containsKey("score.title");
        // title tokens {disk, almost, full, on, db, east} vs {disk, almost, full, on, db, west}: 5 shared of 7;
        // the reading 92 is left out
        assertThat(reason.get("score.title")).isEqualTo("0.714");
        assertThat(Double.parseDouble(reason.get("score"))).isEqualTo((5.0 / 7 + 1) / 2, org.assertj.core.data.Offset.offset(0.001));
    }

    @Test
    void intelligentGroupingOpensANewIncidentBelowTheThreshold() {
        grouping(intelligent(0.9));
        fireTitled("a", "Disk almost full on db-east", Map.of("service", "orders"));

        assertThat(fireTitled("c", "Disk almost full on db-west", Map.of("service", "orders")).kind())
                .isEqualTo(Outcome.Kind.OPENED);
        assertThat(fireTitled("d", "Disk almost full on db-east", Map.of("service", "orders")).kind())
                .isEqualTo(Outcome.Kind.JOINED);
    }

    @Test
    void intelligentGroupingSkipsClosedIncidents() {
        grouping(intelligent(0.5));
        Incident first = fireTitled("a", "Disk almost full on db-east", Map.of()).incident();
        engine.apply(state, ok("a", T0 + 1), T0 + 1);

        Outcome next = fireTitled("b", "Disk almost full on db-east", Map.of());

        assertThat(next.kind()).isEqualTo(Outcome.Kind.OPENED);
        assertThat(next.incident().incidentId()).isNotEqualTo(first.incidentId());
    }

    @Test
    void numbersInTitlesAreReadingsButInLabelsTheyNameThings() {
        assertThat(SimilarityIndex.tokens("CPU at 93% on web-02", false)).containsExactly("cpu", "at", "on", "web");
        assertThat(SimilarityIndex.tokens("web-02", true)).containsExactly("web", "02");
    }
}
