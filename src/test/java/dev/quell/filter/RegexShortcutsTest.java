package dev.quell.filter;

import com.google.re2j.Pattern;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The substring and prefix shortcuts answer exactly what RE2 answers. */
class RegexShortcutsTest {
    private static final List<String> EXPRESSIONS = List.of("outage", "^batch-1-[0-9]+$", "^ab*c", "^a{2}b", "^",
            "^web", "^(?i)web", "^a\\.b", "a|^b", "^db-1|^web", "^x?y", "es\\.nj", "", "^é-ü", "host=(?P<result>\\S+)",
            "ab?c", "web-[0-9]+", "(?i)outage");
    private static final List<String> VALUES = List.of("", "outage", "big outage now", "batch-1-42", "batch-1-",
            "xbatch-1-4", "ac", "abbc", "aab", "ab", "web-1", "WEB-1", "a.b", "axb", "b", "db-1", "y", "xy",
            "es.nj.01", "é-ü", "Outage", "host=db-1 down", "ac", "abc", "web-12", "a host=");

    @Test
    void everyShortcutAgreesWithTheRegularExpression() throws InvalidValue {
        for (String expression : EXPRESSIONS) {
            RegexMatcher matcher = RegexMatcher.compile("/" + expression + "/");
            Pattern pattern = Pattern.compile(expression);
            for (String value : VALUES) {
                assertThat(matcher.matches(value)).as("/%s/ on \"%s\"", expression, value)
                        .isEqualTo(pattern.matcher(value).find());
            }
        }
    }

    @Test
    void plainAndAnchoredExpressionsTakeTheShortcuts() throws InvalidValue {
        assertThat(RegexMatcher.compile("/outage/").plain()).isTrue();
        assertThat(required("/outage/")).isEqualTo(new RequiredText("outage", false));
        assertThat(RegexMatcher.compile("/^batch-1-[0-9]+$/").plain()).isFalse();
        assertThat(required("/^batch-1-[0-9]+$/")).isEqualTo(new RequiredText("batch-1-", true));
        assertThat(required("/^ab*c/")).isEqualTo(new RequiredText("a", true));
        assertThat(required("/web-[0-9]+/")).isEqualTo(new RequiredText("web-", false));
        assertThat(required("/a|^b/")).isEqualTo(RequiredText.NONE);
        assertThat(required("/(?i)outage/")).isEqualTo(RequiredText.NONE);
    }

    private static RequiredText required(String val) throws InvalidValue {
        return RegexMatcher.compile(val).expression().required();
    }
}
