package dev.quell.console;

import dev.quell.filter.ConditionSpec;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Conditions written one per line, read into the API's filters JSON and written back. */
class FilterTextTest {

    @Test
    void linesAreAndedAndOrStartsAnotherGroup() {
        assertThat(FilterText.parse("labels.service IN api, web\n  severity notin Info \n\nor\ntitle IN down",
                "filters").toString()).isEqualTo("[[{\"key\":\"labels.service\",\"oper\":\"IN\",\"vals\":[\"api\","
                + "\"web\"]},{\"key\":\"severity\",\"oper\":\"NOTIN\",\"vals\":[\"Info\"]}],"
                + "[{\"key\":\"title\",\"oper\":\"IN\",\"vals\":[\"down\"]}]]");
    }

    @Test
    void aRegexValueKeepsItsCommasAndSpaces() {
        assertThat(FilterText.parse("title IN /a{1,3}, b/ , c,/x/", "filters").get(0).get(0).get("vals").toString())
                .isEqualTo("[\"/a{1,3}, b/\",\"c\",\"/x/\"]");
    }

    @Test
    void textStartingWithABracketIsTheApisJson() {
        String json = "[[{\"key\":\"labels.x\",\"oper\":\"IN\",\"vals\":[\"a,b\"]}]]";
        assertThat(FilterText.parse("  " + json, "filters").toString()).isEqualTo(json);
        assertThatThrownBy(() -> FilterText.parse("[[", "filters")).hasMessageStartingWith("filters: not valid JSON");
        assertThatThrownBy(() -> FilterText.parse("[] x", "filters")).hasMessageStartingWith("filters: not valid JSON");
    }

    @Test
    void emptyTextIsNoConditions() {
        assertThat(FilterText.parse(" \n ", "filters").toString()).isEqualTo("[]");
    }

    @Test
    void unreadableLinesAreRefusedNamingFieldAndLine() {
        assertThatThrownBy(() -> FilterText.parse("severity IN Info\nlabels.host = web-1", "source_filters"))
                .hasMessageStartingWith("source_filters line 2: the operator must be IN or NOTIN (got \"=\")");
        assertThatThrownBy(() -> FilterText.parse("severity", "filters"))
                .hasMessageStartingWith("filters line 1: write a condition as <key> IN <values>");
        assertThatThrownBy(() -> FilterText.parse("severity IN Info,,Warning", "filters"))
                .hasMessageStartingWith("filters line 1: a value is empty");
        assertThatThrownBy(() -> FilterText.parse("severity IN Info,", "filters"))
                .hasMessageStartingWith("filters line 1: a value is empty");
        assertThatThrownBy(() -> FilterText.parse("or\nseverity IN Info", "filters"))
                .hasMessageStartingWith("filters line 1: \"or\" must come between conditions");
        assertThatThrownBy(() -> FilterText.parse("severity IN Info\nor", "filters"))
                .hasMessageStartingWith("filters: \"or\" must come between conditions, not at the end");
    }

    @Test
    void formatWritesLinesThatReadBackOrJsonWhenTheyCannot() {
        List<List<ConditionSpec>> readable = List.of(
                List.of(new ConditionSpec("labels.service", "IN", List.of("api", "/a{1,3}/"))),
                List.of(new ConditionSpec("severity", "NOTIN", List.of("Info"))));
        assertThat(FilterText.format(readable)).isEqualTo("labels.service IN api, /a{1,3}/\nor\nseverity NOTIN Info");

        List<List<ConditionSpec>> comma = List.of(List.of(new ConditionSpec("labels.x", "IN", List.of("a,b"))));
        String written = FilterText.format(comma);
        assertThat(written).startsWith("[");
        assertThat(FilterText.parse(written, "filters").toString())
                .isEqualTo("[[{\"key\":\"labels.x\",\"oper\":\"IN\",\"vals\":[\"a,b\"]}]]");
        assertThat(FilterText.format(List.of(List.of(new ConditionSpec("title", "IN", List.of(" padded")))))
                ).startsWith("[");
        assertThat(FilterText.format(List.of())).isEmpty();
    }

    @Test
    void wordsSayWhatMatches() {
        assertThat(FilterText.words(List.of(
                List.of(new ConditionSpec("labels.service", "IN", List.of("api", "web")),
                        new ConditionSpec("severity", "NOTIN", List.of("Info"))),
                List.of(new ConditionSpec("title", "NOTIN", List.of("a", "b")),
                        new ConditionSpec("labels.host", "IN", List.of("db-1"))))))
                .isEqualTo("labels.service is one of api, web and severity is not Info; "
                        + "or title is none of a, b and labels.host is db-1");
        assertThat(FilterText.words(List.of())).isEqualTo("every event");
    }
}
