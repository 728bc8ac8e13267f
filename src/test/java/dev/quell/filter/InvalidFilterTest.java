package dev.quell.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.List;

import static dev.quell.filter.Conditions.allOf;
import static dev.quell.filter.Conditions.anyOf;
import static dev.quell.filter.Conditions.condition;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InvalidFilterTest {
    private static final List<ConditionSpec> VALID_GROUP = allOf(condition("severity", "IN", "Critical"));

    private static void assertRejected(List<List<ConditionSpec>> filters, String message) {
        assertThatThrownBy(() -> Filter.compile(filters)).isInstanceOf(InvalidFilter.class).hasMessage(message);
    }

    private static void assertRejected(ConditionSpec condition, String message) {
        assertRejected(anyOf(allOf(condition)), message);
    }

    @Test
    void theMessageLocatesTheConditionByGroupAndIndex() {
        assertRejected(anyOf(VALID_GROUP, allOf(condition("labels.ip", "IN", "cidr:10.0.0/33"))),
                "filters[1][0] labels.ip: cidr:10.0.0/33 is not a valid network");
        assertRejected(anyOf(VALID_GROUP, VALID_GROUP,
                        allOf(condition("title", "IN", "x"), condition("title", "IN", "num:gt:x"))),
                "filters[2][1] title: num:gt:x is not a valid number comparison: the threshold is not a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"in", "NotIn", "EQ", "", " IN"})
    void operMustBeExactlyInOrNotIn(String oper) {
        assertRejected(condition("severity", oper, "Critical"),
                "filters[0][0] severity: oper must be IN or NOTIN, not " + oper);
    }

    @Test
    void operMustBePresent() {
        assertRejected(new ConditionSpec("severity", null, List.of("Critical")),
                "filters[0][0] severity: oper must be IN or NOTIN, not null");
    }

    @Test
    void valsMustHoldAtLeastOneValue() {
        assertRejected(condition("title", "IN"), "filters[0][0] title: vals must hold at least one value");
        assertRejected(new ConditionSpec("title", "NOTIN", null),
                "filters[0][0] title: vals must hold at least one value");
    }

    @Test
    void everyValMustBeAString() {
        assertRejected(new ConditionSpec("title", "IN", Arrays.asList("disk", null)),
                "filters[0][0] title: vals[1] is null");
    }

    @Test
    void aRegexThatDoesNotCompileIsRejected() {
        assertRejected(condition("title", "IN", "/(/"),
                "filters[0][0] title: /(/ is not a valid RE2 regular expression: missing closing )");
        assertRejected(condition("title", "IN", "/a{2,1}/"),
                "filters[0][0] title: /a{2,1}/ is not a valid RE2 regular expression: invalid repeat count");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/(?=x)/", "/(a)\\1/", "/a++/"})
    void perlOnlySyntaxIsRejectedBecauseRegexesAreRe2(String val) {
        assertThatThrownBy(() -> Filter.compile(anyOf(allOf(condition("title", "IN", val)))))
                .isInstanceOf(InvalidFilter.class)
                .hasMessageStartingWith("filters[0][0] title: " + val + " is not a valid RE2 regular expression: ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"cidr:10.0.0.0/33", "cidr:10.0.0.0", "cidr:10.0.0.0/", "cidr:10.0.0.0/-1",
            "cidr:10.0.0.0/ 8", "cidr:10.0.0.0/8/9", "cidr:10.0.0.0/0008", "cidr:2001:db8::/129", "cidr:",
            "cidr:/8", "cidr:example.com/24", "cidr:10.0.0.*/24", "cidr:10.0.0.0.0/8", "cidr:2001:db8::g/32"})
    void aCidrThatIsNotANetworkIsRejected(String val) {
        assertRejected(condition("labels.ip", "IN", val),
                "filters[0][0] labels.ip: " + val + " is not a valid network");
    }

    @ParameterizedTest
    @ValueSource(strings = {"num:eq:5", "num:GT:5", "num::5", "num:gte:5"})
    void aNumComparisonOtherThanGtGeLtLeIsRejected(String val) {
        assertRejected(condition("labels.value", "IN", val), "filters[0][0] labels.value: " + val
                + " is not a valid number comparison: the operator must be gt, ge, lt or le");
    }

    @ParameterizedTest
    @ValueSource(strings = {"num:gt:", "num:gt:abc", "num:gt:NaN", "num:lt:Infinity", "num:ge:0x10", "num:le:1e",
            "num:gt: 5", "num:gt:5%", "num:gt:1,5"})
    void aNumThresholdThatIsNotANumberIsRejected(String val) {
        assertRejected(condition("labels.value", "IN", val), "filters[0][0] labels.value: " + val
                + " is not a valid number comparison: the threshold is not a number");
    }

    @ParameterizedTest
    @ValueSource(strings = {"num:", "num:gt", "num:90"})
    void aNumValWithoutOperatorAndThresholdIsRejected(String val) {
        assertRejected(condition("labels.value", "IN", val), "filters[0][0] labels.value: " + val
                + " is not a valid number comparison: expected num:<gt|ge|lt|le>:<number>");
    }

    @Test
    void anEmptyAndGroupIsRejected() {
        assertRejected(anyOf(VALID_GROUP, List.of()), "filters[1]: an AND group needs at least one condition");
        assertRejected(Arrays.asList(VALID_GROUP, null), "filters[1]: an AND group needs at least one condition");
    }

    @Test
    void aNullConditionIsRejected() {
        assertRejected(anyOf(Arrays.asList(condition("title", "IN", "x"), null)),
                "filters[0][1]: the condition is null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"alert_key", "data_source_id", "Severity", "labels", "label.host", "labelshost"})
    void anUnknownKeyIsRejected(String key) {
        assertRejected(condition(key, "IN", "x"), "filters[0][0] " + key
                + ": unknown key, expected one of severity, title, description, integration_id or labels.<name>");
    }

    @Test
    void aLabelKeyNeedsAName() {
        assertRejected(condition("labels.", "IN", "x"), "filters[0][0] labels.: the label name after labels. is empty");
    }

    @Test
    void aMissingKeyIsRejected() {
        assertRejected(new ConditionSpec(null, "IN", List.of("x")), "filters[0][0]: key is missing");
        assertRejected(condition("", "IN", "x"), "filters[0][0]: key is missing");
    }
}
