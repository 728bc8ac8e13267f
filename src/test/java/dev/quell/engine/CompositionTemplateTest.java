package dev.quell.engine;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** A composition template read once into parts renders what the template language says, at every event. */
class CompositionTemplateTest {
    private static final AlertEvent EVENT = Events.event("k", Severity.Warning, "disk full", "on /var",
            Map.of("host", "given"), 1_700_000_000L);
    private static final Map<String, String> LABELS = Map.of("region", "eu", "host", "db-1");

    private static String render(String template) {
        return CompositionTemplate.parse(template).render(EVENT, LABELS);
    }

    @Test
    void namesAreFilledFromTheEventAndTheLabelsTheEarlierStepsLeft() {
        assertThat(render("{{.labels.region}}/{{ .labels.host }}: {{.title}} {{.description}}!"))
                .isEqualTo("eu/db-1: disk full on /var!");
        assertThat(render("no names")).isEqualTo("no names");
        assertThat(render("")).isEmpty();
    }

    @Test
    void unknownNamesAndAbsentLabelsRenderAsNothing() {
        assertThat(render("a{{.labels.zone}}b{{.Labels.region}}c{{}}d{{.severity}}e")).isEqualTo("abcde");
    }

    @Test
    void anUnclosedOpeningAndAStrayClosingAreKeptAsWritten() {
        assertThat(render("{{.labels.region}} and {{.labels.host")).isEqualTo("eu and {{.labels.host");
        assertThat(render("}} {{.labels.region}} {{")).isEqualTo("}} eu {{");
        assertThat(render("{{.labels.region}}}")).isEqualTo("eu}");
    }

    @Test
    void templatesAreEqualWhenTheirTextsAre() {
        CompositionTemplate template = CompositionTemplate.parse("{{.labels.region}}-x");

        assertThat(template).isEqualTo(CompositionTemplate.parse("{{.labels.region}}-x"))
                .hasSameHashCodeAs(CompositionTemplate.parse("{{.labels.region}}-x"))
                .isNotEqualTo(CompositionTemplate.parse("{{ .labels.region }}-x"));
        assertThat(template.text()).isEqualTo("{{.labels.region}}-x");
    }
}
