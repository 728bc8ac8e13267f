package dev.quell.filter;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static dev.quell.filter.Conditions.condition;
import static dev.quell.filter.Conditions.fields;
import static dev.quell.filter.Conditions.only;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class ValueFormsTest {
    private static final String KEY = "labels.value";
    private static final Duration HANG_GUARD = Duration.ofSeconds(5);

    /** For a present field NOTIN is always the negation of IN, so every case checks both operators. */
    private static void assertMatch(String val, String fieldValue, boolean expected) throws InvalidFilter {
        Filter.Subject subject = fields(KEY, fieldValue);
        assertThat(only(condition(KEY, "IN", val)).matches(subject))
                .as("%s IN [%s]", fieldValue, val).isEqualTo(expected);
        assertThat(only(condition(KEY, "NOTIN", val)).matches(subject))
                .as("%s NOTIN [%s]", fieldValue, val).isEqualTo(!expected);
    }

    @ParameterizedTest
    @CsvSource({
            "db-1, db-1, true",
            "db-1, db-10, false",
            "db-1, xdb-1, false",
            "Critical, critical, false",
            "'', '', true",
            "'', ' ', false",
            "a.c, abc, false",
            "/, /, true",
            "cidr, cidr, true",
    })
    void exactValsMustEqualTheWholeValue(String val, String fieldValue, boolean expected) throws InvalidFilter {
        assertMatch(val, fieldValue, expected);
    }

    @ParameterizedTest
    @CsvSource({
            "/outage/, major outage in eu-1, true",
            "/outage/, all good, false",
            "/^outage$/, major outage, false",
            "/^outage$/, outage, true",
            "/^db-[0-9]+$/, db-42, true",
            "/^db-[0-9]+$/, db-42a, false",
            "/cpu|io/, disk io high, true",
            "/CPU/, high cpu, false",
            "/(?i)CPU/, high cpu, true",
            "/\\d+ms/, took 250ms, true",
            "/a.c/, abc, true",
            "//, anything, true",
    })
    void regexValsMatchWhenFoundAnywhereInTheValue(String val, String fieldValue, boolean expected)
            throws InvalidFilter {
        assertMatch(val, fieldValue, expected);
    }

    @ParameterizedTest
    @CsvSource({
            "outage*, outage in eu-1, true",
            "outage*, major outage, false",
            "*outage, major outage, true",
            "*outage*, a major outage today, true",
            "*outage*, all good, false",
            "Outage*, outage in eu-1, false",
            "db-?, db-1, true",
            "db-?, db-10, false",
            "db-?, db-, false",
            "a*b*c, aXbYc, true",
            "a*b*c, aXbYcZ, false",
            "a*b*c, abc, true",
            "*.example.com, web.example.com, true",
            "*.example.com, example.com, false",
            "w*.example.com, wwwXexampleYcom, false",
            "??, \uD83D\uDE00, false",
            "?, \uD83D\uDE00, true",
            "x?y, x\uD83D\uDE00y, true",
            "*, anything at all, true",
            "*, '', true",
            "**, '', true",
            "?, '', false",
    })
    void wildcardValsMatchTheWholeValue(String val, String fieldValue, boolean expected) throws InvalidFilter {
        assertMatch(val, fieldValue, expected);
    }

    @ParameterizedTest
    @CsvSource({
            "cidr:10.0.0.0/24, 10.0.0.7, true",
            "cidr:10.0.0.0/24, 10.0.1.7, false",
            "cidr:10.0.0.206/24, 10.0.0.1, true",
            "cidr:10.0.0.0/8, 10.255.255.255, true",
            "cidr:10.0.0.0/8, 11.0.0.0, false",
            "cidr:172.16.0.0/12, 172.31.255.255, true",
            "cidr:172.16.0.0/12, 172.32.0.0, false",
            "cidr:192.168.0.0/31, 192.168.0.1, true",
            "cidr:192.168.0.0/31, 192.168.0.2, false",
            "cidr:10.0.0.5/32, 10.0.0.5, true",
            "cidr:10.0.0.5/32, 10.0.0.6, false",
            "cidr:0.0.0.0/0, 8.8.8.8, true",
            "cidr:0.0.0.0/0, web-1, false",
            "cidr:0.0.0.0/0, 10.0.0, false",
            "cidr:0.0.0.0/0, 10.0.0.256, false",
            "cidr:0.0.0.0/0, 10.0.0.1.5, false",
            "cidr:0.0.0.0/0, 010.0.0.1, false",
            "cidr:0.0.0.0/0, ' 10.0.0.1', false",
            "cidr:0.0.0.0/0, 10.0.0.1/32, false",
            "cidr:0.0.0.0/0, localhost, false",
            "cidr:0.0.0.0/0, '', false",
    })
    void ipv4CidrValsMatchAddressesInsideTheNetwork(String val, String fieldValue, boolean expected)
            throws InvalidFilter {
        assertMatch(val, fieldValue, expected);
    }

    @ParameterizedTest
    @CsvSource({
            "cidr:2001:db8::/32, 2001:db8:1::1, true",
            "cidr:2001:db8::/32, 2001:db9::1, false",
            "cidr:2001:db8::/32, 2001:DB8::1, true",
            "cidr:2001:db8::/32, 2001:0db8:0000:0000:0000:0000:0000:0001, true",
            "cidr:fe80::/10, febf::1, true",
            "cidr:fe80::/10, fec0::1, false",
            "cidr:::1/128, ::1, true",
            "cidr:::1/128, ::2, false",
            "cidr:::ffff:0:0/96, ::ffff:10.0.0.1, true",
            "cidr:2001:db8::/64, 2001:db8::ffff:1.2.3.4, true",
            "cidr:::/0, 1:2:3:4:5:6:7:8, true",
            "cidr:::/0, 1:2:3:4:5:6:7:8:9, false",
            "cidr:::/0, 1:2:3:4:5:6:7::8, false",
            "cidr:::/0, 2001:db8::1::2, false",
            "cidr:::/0, 2001:db8:::1, false",
            "cidr:::/0, 2001:db8:, false",
            "cidr:::/0, 12345::1, false",
            "cidr:::/0, fe80::1%eth0, false",
            "cidr:::/0, localhost, false",
            "cidr:::/0, 10.0.0.1, false",
            "cidr:::ffff:0:0/96, 10.0.0.1, false",
            "cidr:0.0.0.0/0, ::1, false",
            "cidr:0.0.0.0/0, ::ffff:10.0.0.1, false",
    })
    void ipv6CidrValsMatchOnlyIpv6AddressesInsideTheNetwork(String val, String fieldValue, boolean expected)
            throws InvalidFilter {
        assertMatch(val, fieldValue, expected);
    }

    @ParameterizedTest
    @CsvSource({
            "num:gt:90, 90.5, true",
            "num:gt:90, 90, false",
            "num:gt:90, 1e2, true",
            "num:gt:1e3, 1001, true",
            "num:ge:90, 90, true",
            "num:ge:90, 89.99, false",
            "num:ge:90, 90.0, true",
            "num:lt:0.5, 0.25, true",
            "num:lt:0.5, .5, false",
            "num:lt:0.5, -3, true",
            "num:le:-1, -1, true",
            "num:le:-1, -0.5, false",
            "num:ge:.5, 1., true",
            "num:gt:+1, +2, true",
            "num:gt:90, abc, false",
            "num:lt:90, abc, false",
            "num:lt:90, '', false",
            "num:lt:90, ' 50', false",
            "num:lt:90, 50%, false",
            "num:lt:90, NaN, false",
            "num:gt:90, Infinity, false",
            "num:lt:90, 0x10, false",
            "num:lt:90, 1d, false",
            "num:lt:90, 1e, false",
            "num:lt:90, ., false",
    })
    void numValsCompareTheValueReadAsANumber(String val, String fieldValue, boolean expected)
            throws InvalidFilter {
        assertMatch(val, fieldValue, expected);
    }

    @Test
    void nestedQuantifierRegexesReturnPromptlyOnLongValues() throws InvalidFilter {
        Filter nestedPlus = only(condition(KEY, "IN", "/(a+)+$/"));
        Filter alternation = only(condition(KEY, "IN", "/(a|aa)*c/"));
        String as = "a".repeat(50_000);

        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertThat(nestedPlus.matches(fields(KEY, as + "!"))).isFalse();
            assertThat(nestedPlus.matches(fields(KEY, "!" + as))).isTrue();
            assertThat(alternation.matches(fields(KEY, as))).isFalse();
            assertThat(alternation.matches(fields(KEY, as + "c"))).isTrue();
        });
    }

    @Test
    void manyStarWildcardsReturnPromptlyOnLongValues() throws InvalidFilter {
        Filter filter = only(condition(KEY, "IN", "*a*a*a*a*a*a*a*a*a*a*b"));
        String as = "a".repeat(50_000);

        assertTimeoutPreemptively(HANG_GUARD, () -> {
            assertThat(filter.matches(fields(KEY, as))).isFalse();
            assertThat(filter.matches(fields(KEY, as + "b"))).isTrue();
        });
    }
}
