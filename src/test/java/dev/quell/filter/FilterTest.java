package dev.quell.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static dev.quell.filter.Conditions.allOf;
import static dev.quell.filter.Conditions.anyOf;
import static dev.quell.filter.Conditions.condition;
import static dev.quell.filter.Conditions.fields;
import static dev.quell.filter.Conditions.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FilterTest {
    /** The example from Flashduty's filter-conditions page. */
    private static Filter flashdutyExample() throws InvalidFilter {
        return Filter.compile(anyOf(
                allOf(condition("severity", "IN", "Critical", "Warning"),
                        condition("labels.check", "IN", "Binlog Sync Delay")),
                allOf(condition("labels.check", "IN", "/cpu/", "/io/", "/disk/"),
                        condition("labels.value", "IN", "num:gt:90"))));
    }

    @Test
    void aGroupMatchesOnlyWhenAllItsConditionsMatch() throws InvalidFilter {
        Filter filter = flashdutyExample();

        assertThat(filter.matches(fields("severity", "Warning", "labels.check", "Binlog Sync Delay"))).isTrue();
        assertThat(filter.matches(fields("severity", "Info", "labels.check", "Binlog Sync Delay"))).isFalse();
        assertThat(filter.matches(fields("severity", "Critical", "labels.check", "Replica lag"))).isFalse();
    }

    @Test
    void theFilterMatchesWhenAnyGroupMatches() throws InvalidFilter {
        Filter filter = flashdutyExample();

        assertThat(filter.matches(fields("severity", "Info", "labels.check", "high cpu", "labels.value", "95")))
                .isTrue();
        assertThat(filter.matches(fields("severity", "Info", "labels.check", "high cpu", "labels.value", "80")))
                .isFalse();
        assertThat(filter.matches(fields("severity", "Info", "labels.check", "memory", "labels.value", "95")))
                .isFalse();
    }

    @Test
    void inMatchesWhenAnyValMatchesAndNotInWhenNoneDoes() throws InvalidFilter {
        Filter in = only(condition("severity", "IN", "Critical", "Warning"));
        Filter notIn = only(condition("severity", "NOTIN", "Critical", "Warning"));

        assertThat(in.matches(fields("severity", "Warning"))).isTrue();
        assertThat(in.matches(fields("severity", "Info"))).isFalse();
        assertThat(notIn.matches(fields("severity", "Warning"))).isFalse();
        assertThat(notIn.matches(fields("severity", "Info"))).isTrue();
    }

    @Test
    void valsOfDifferentFormsCanBeMixedInOneCondition() throws InvalidFilter {
        Filter filter = only(condition("labels.target", "IN", "/^db-/", "cidr:10.0.0.0/8", "web-?"));

        assertThat(filter.matches(fields("labels.target", "db-7"))).isTrue();
        assertThat(filter.matches(fields("labels.target", "10.20.30.40"))).isTrue();
        assertThat(filter.matches(fields("labels.target", "web-1"))).isTrue();
        assertThat(filter.matches(fields("labels.target", "cache-1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"*", "x*", "/.*/", "exact", "cidr:0.0.0.0/0", "num:ge:0"})
    void anAbsentFieldFailsInAndPassesNotInWhateverTheForm(String val) throws InvalidFilter {
        Filter.Subject otherFieldsOnly = fields("labels.other", "0", "title", "0.0.0.0");

        assertThat(only(condition("labels.missing", "IN", val)).matches(otherFieldsOnly)).isFalse();
        assertThat(only(condition("labels.missing", "NOTIN", val)).matches(otherFieldsOnly)).isTrue();
    }

    @Test
    void anEmptyValueIsPresent() throws InvalidFilter {
        Filter.Subject empty = fields("labels.env", "");

        assertThat(only(condition("labels.env", "IN", "*")).matches(empty)).isTrue();
        assertThat(only(condition("labels.env", "NOTIN", "*")).matches(empty)).isFalse();
        assertThat(only(condition("labels.env", "IN", "")).matches(empty)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"severity", "title", "description", "integration_id", "labels.host", "labels.k8s.pod"})
    void eachConditionReadsTheFieldNamedByItsKey(String key) throws InvalidFilter {
        Filter filter = only(condition(key, "IN", "wanted"));
        String[] everyKey = {"severity", "title", "description", "integration_id", "labels.host", "labels.k8s.pod"};
        List<String> othersWanted = new ArrayList<>();
        List<String> onlyThisWanted = new ArrayList<>();
        for (String each : everyKey) {
            othersWanted.add(each);
            othersWanted.add(each.equals(key) ? "unwanted" : "wanted");
            onlyThisWanted.add(each);
            onlyThisWanted.add(each.equals(key) ? "wanted" : "unwanted");
        }

        assertThat(filter.matches(fields(onlyThisWanted.toArray(String[]::new)))).isTrue();
        assertThat(filter.matches(fields(othersWanted.toArray(String[]::new)))).isFalse();
    }

    @Test
    void labelNamesAreCaseSensitive() throws InvalidFilter {
        Filter filter = only(condition("labels.Host", "IN", "*"));

        assertThat(filter.matches(fields("labels.Host", "a"))).isTrue();
        assertThat(filter.matches(fields("labels.host", "a"))).isFalse();
    }

    @Test
    void noGroupsMatchesEverything() throws InvalidFilter {
        Filter filter = Filter.compile(List.of());

        assertThat(filter.isEmpty()).isTrue();
        assertThat(filter.matches(fields())).isTrue();
        assertThat(filter.specs()).isEmpty();
    }

    @Test
    void aFilterWithGroupsIsNotEmpty() throws InvalidFilter {
        Filter filter = only(condition("severity", "IN", "Critical"));

        assertThat(filter.isEmpty()).isFalse();
        assertThat(filter.matches(fields())).isFalse();
    }

    @Test
    void specsEchoTheInputAndIgnoreLaterChangesToIt() throws InvalidFilter {
        List<String> vals = new ArrayList<>(List.of("Critical", "/warn/"));
        List<ConditionSpec> group = new ArrayList<>(List.of(new ConditionSpec("severity", "IN", vals),
                condition("labels.env", "NOTIN", "dev*")));
        List<List<ConditionSpec>> input = new ArrayList<>(List.of(group));
        List<List<ConditionSpec>> expected = List.of(List.of(condition("severity", "IN", "Critical", "/warn/"),
                condition("labels.env", "NOTIN", "dev*")));

        Filter filter = Filter.compile(input);
        vals.add("Info");
        group.add(condition("title", "IN", "x"));
        input.add(List.of(condition("title", "IN", "y")));

        assertThat(filter.specs()).isEqualTo(expected);
        assertThatThrownBy(() -> filter.specs().add(List.of())).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> filter.specs().get(0).get(0).vals().add("Info"))
                .isInstanceOf(UnsupportedOperationException.class);
    }
}
