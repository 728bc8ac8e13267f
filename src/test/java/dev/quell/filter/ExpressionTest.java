package dev.quell.filter;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an expression extracts, and that remembering values never changes the answer. */
class ExpressionTest {

    @Test
    void extractsTheResultGroupOrElseTheWholeMatch() {
        assertThat(Expression.compile("host=(?P<result>[a-z0-9-]+)").extract("cpu high host=db-1 now"))
                .isEqualTo("db-1");
        assertThat(Expression.compile("db-[0-9]+").extract("cpu high on db-17")).isEqualTo("db-17");
        assertThat(Expression.compile("db-[0-9]+").extract("cpu high on web-3")).isNull();
        assertThat(Expression.compile("(?P<result>x)?y").extract("y")).as("result group not taking part").isNull();
    }

    @Test
    void aRememberedValueGivesTheSameAnswerAsTheFirstTime() {
        Expression expression = Expression.compile("(?P<result>[a-z]+)\\.example");
        for (int round = 0; round < 3; round++) {
            assertThat(expression.extract("api.example")).isEqualTo("api");
            assertThat(expression.extract("nothing here")).isNull();
        }
    }

    @Test
    void aMatchThatReadsLikeTheNoMatchMarkerIsStillAMatch() {
        Expression expression = Expression.compile("no match");
        assertThat(expression.extract("there was no match")).isEqualTo("no match");
        assertThat(expression.extract("there was no match")).isEqualTo("no match");
    }

    @Test
    void answersStayRightPastTheMemorysBoundAndForLongValues() {
        Expression expression = Expression.compile("n(?P<result>[0-9]+)$");
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < Expression.MAX_REMEMBERED * 3; i++) {
                assertThat(expression.extract("value n" + i)).isEqualTo(Integer.toString(i));
            }
        }
        String longValue = "x".repeat(Expression.MAX_REMEMBERED_LENGTH) + " n42";
        assertThat(expression.extract(longValue)).isEqualTo("42");
        assertThat(expression.extract(longValue)).isEqualTo("42");
    }

    @Test
    void expressionsWrittenAlikeAreEqual() {
        assertThat(Expression.compile("a+b")).isEqualTo(Expression.compile("a+b"))
                .hasSameHashCodeAs(Expression.compile("a+b")).isNotEqualTo(Expression.compile("a+c"));
    }
}
