package dev.quell.template;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The title renderer on its own: the simple {@code ::} form, {@code [TPL]} templates, and the fallback. */
class TitleRuleTest {
    private static final Map<String, String> SEED_LABELS = Map.of("resource", "es.nj.01", "check", "cpu.idle<20%",
            "service", "engine", "cluster", "nj", "metric", "node_cpu_seconds_total");
    private static final TitleRule.Fields FIELDS = new TitleRule.Fields("the title", "cpu idle low than 20%",
            "Warning", "Warning", "64f6b9df2007be4b0bfe56f6", "the rule", "standard", "My integration");

    private static String render(String rule, Map<String, String> labels) {
        return TitleRule.render(rule, labels, FIELDS);
    }

    // ---------------------------------------------------------------- simple form

    @Test
    void theSeedExampleJoinsLabelValuesWithSlashes() {
        assertThat(render("$cluster::$resource::$check", SEED_LABELS)).isEqualTo("nj / es.nj.01 / cpu.idle<20%");
    }

    @Test
    void theDocumentedExampleRendersAsDocumented() {
        assertThat(render("$resource::$check", Map.of("resource", "127.0.0.1", "check", "cpu idle low")))
                .isEqualTo("127.0.0.1 / cpu idle low");
    }

    @Test
    void aMissingLabelStaysAsWritten() {
        assertThat(render("$resource::$check", Map.of("resource", "127.0.0.1"))).isEqualTo("127.0.0.1 / $check");
    }

    @Test
    void literalPartsAreKeptAndJoined() {
        assertThat(render("High CPU::$resource", SEED_LABELS)).isEqualTo("High CPU / es.nj.01");
        assertThat(render("a::b::c", Map.of())).isEqualTo("a / b / c");
    }

    @Test
    void aRuleWithoutSeparatorOrDollarIsLiteral() {
        assertThat(render("disk full on db-1", SEED_LABELS)).isEqualTo("disk full on db-1");
    }

    @Test
    void aSingleLabelPartIsReplacedByItsValue() {
        assertThat(render("$resource", SEED_LABELS)).isEqualTo("es.nj.01");
    }

    @Test
    void labelNamesAreCaseSensitive() {
        assertThat(render("$Resource::$resource", SEED_LABELS)).isEqualTo("$Resource / es.nj.01");
    }

    @Test
    void aDollarInsideALiteralPartIsNotALabel() {
        assertThat(render("cost $resource::$check", SEED_LABELS)).isEqualTo("cost $resource / cpu.idle<20%");
    }

    // ---------------------------------------------------------------- [TPL] templates

    @Test
    void dollarBracesReadALabel() {
        assertThat(render("[TPL]${resource} down", SEED_LABELS)).isEqualTo("es.nj.01 down");
    }

    @Test
    void aMissingLabelInDollarBracesIsNoValue() {
        assertThat(render("[TPL]${x} down", SEED_LABELS)).isEqualTo("<no value> down");
    }

    @Test
    void dotLabelsReadsALabel() {
        assertThat(render("[TPL]{{.Labels.resource}}", SEED_LABELS)).isEqualTo("es.nj.01");
        assertThat(render("[TPL]{{ .Labels.check }} on {{.Labels.cluster}}", SEED_LABELS))
                .isEqualTo("cpu.idle<20% on nj");
    }

    @Test
    void dotLabelsTakesNamesWithUnderscoresAndDigitsAfterTheFirstCharacter() {
        assertThat(render("[TPL]{{.Labels._x9}}/{{.Labels.a_1}}", Map.of("_x9", "under", "a_1", "score")))
                .isEqualTo("under/score");
    }

    @Test
    void aMissingLabelThroughDotLabelsIsEmpty() {
        assertThat(render("[TPL]<{{.Labels.x}}>", SEED_LABELS)).isEqualTo("<>");
    }

    @Test
    void indexReadsALabelWhoseNameIsNotAnIdentifier() {
        Map<String, String> labels = Map.of("a-b", "dashed", "k8s.io/name", "pod-1");

        assertThat(render("[TPL]{{index .Labels \"a-b\"}}", labels)).isEqualTo("dashed");
        assertThat(render("[TPL]{{ index .Labels \"k8s.io/name\" }}!", labels)).isEqualTo("pod-1!");
        assertThat(render("[TPL]{{index .Labels \"missing\"}}", labels)).isEmpty();
    }

    @Test
    void namedFieldsReadTheEvent() {
        assertThat(render("[TPL]{{.AlertKey}}", Map.of())).isEqualTo("64f6b9df2007be4b0bfe56f6");
        assertThat(render("[TPL]{{ .Description }}", Map.of())).isEqualTo("cpu idle low than 20%");
        assertThat(render("[TPL]{{.Title}}|{{.EventSeverity}}|{{.EventStatus}}|{{.TitleRule}}", Map.of()))
                .isEqualTo("the title|Warning|Warning|the rule");
        assertThat(render("[TPL]{{.IntegrationType}}: {{.IntegrationName}}", Map.of()))
                .isEqualTo("standard: My integration");
    }

    @Test
    void anEmptyNamedFieldRendersEmpty() {
        TitleRule.Fields noDescription = new TitleRule.Fields("t", "", "Info", "Info", "k", "r", "standard", "i");

        assertThat(TitleRule.render("[TPL][{{.Description}}]", Map.of(), noDescription)).isEqualTo("[]");
    }

    @Test
    void labelsAndFieldsMixWithLiteralText() {
        assertThat(render("[TPL][${cluster}] {{.Labels.resource}}: {{.Description}} ({{.AlertKey}})", SEED_LABELS))
                .isEqualTo("[nj] es.nj.01: cpu idle low than 20% (64f6b9df2007be4b0bfe56f6)");
    }

    @Test
    void aTemplateWithoutActionsIsItsTextWithoutThePrefix() {
        assertThat(render("[TPL]plain text :: not split", SEED_LABELS)).isEqualTo("plain text :: not split");
    }

    @Test
    void labelValuesAreNotRenderedAgain() {
        assertThat(render("[TPL]${a} {{.Labels.b}}", Map.of("a", "{{.AlertKey}}", "b", "${a}")))
                .isEqualTo("{{.AlertKey}} ${a}");
    }

    @Test
    void thePrefixIsCaseSensitiveAndOnlyAtTheStart() {
        assertThat(render("[tpl]${resource}", SEED_LABELS)).isEqualTo("[tpl]${resource}");
        assertThat(render("x [TPL]${resource}", SEED_LABELS)).isEqualTo("x [TPL]${resource}");
    }

    // ---------------------------------------------------------------- a rule that cannot render falls back

    @ParameterizedTest
    @ValueSource(strings = {
            "[TPL]{{.Labels.x",
            "[TPL]${resource",
            "[TPL]{{.NoSuchField}}",
            "[TPL]{{if .Labels.x}}yes{{end}}",
            "[TPL]{{ printf \"%s\" .Title }}",
            "[TPL]{{}}",
            "[TPL]{{.Labels}}",
            "[TPL]{{.Labels.}}",
            "[TPL]{{.Labels.1x}}",
            "[TPL]{{.Labels.a-b}}",
            "[TPL]{{.Labels.é}}",
            "[TPL]{{.Alert_Key}}",
            "[TPL]{{.}}",
            "[TPL]{{Title}}",
            "[TPL]ok {{.AlertKey}} then {{broken"})
    void aRuleThatCannotRenderFallsBackToTheRawRule(String rule) {
        assertThat(render(rule, Map.of("x", "value", "resource", "r"))).isEqualTo(rule);
    }
}
