package dev.quell.filter;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The index answers what testing every filter in order answers, only faster. */
class FilterIndexTest {
    private static final String[] KEYS = {"labels.service", "labels.host", "severity", "title"};
    private static final String[] VALUES = {"api", "api-1", "api-2", "web", "web-10", "batch-3-7", "db", "", "Critical",
            "Warning", "10.0.0.5", "ap"};
    private static final String[] FORMS = {"api", "api-*", "web-?0", "/^batch-3-[0-9]+$/", "/^api/", "/web/", "*",
            "db", "cidr:10.0.0.0/8", "num:gt:3", "Critical", "?pi", "/^(a|w)/", "ap*", "web"};

    static LongStream seeds() {
        return LongStream.range(0, 300);
    }

    private record Subject(Map<String, String> fields) implements Filter.Subject {
        @Override
        public String value(String key) {
            return fields.get(key);
        }
    }

    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void theIndexFindsTheFirstMatchTestingEveryFilterFinds(long seed) throws InvalidFilter {
        Random random = new Random(seed);
        List<Filter> filters = new ArrayList<>();
        for (int f = 0; f < 1 + random.nextInt(40); f++) {
            filters.add(randomFilter(random));
        }
        FilterIndex index = new FilterIndex(filters);
        for (int probe = 0; probe < 50; probe++) {
            Map<String, String> fields = new HashMap<>();
            for (String key : KEYS) {
                if (random.nextInt(4) > 0) {
                    fields.put(key, VALUES[random.nextInt(VALUES.length)]);
                }
            }
            Subject subject = new Subject(fields);
            int expected = -1;
            for (int f = 0; f < filters.size(); f++) {
                if (filters.get(f).matches(subject)) {
                    expected = f;
                    break;
                }
            }
            assertThat(index.firstMatch(subject)).as("seed %d probe %d %s", seed, probe, fields).isEqualTo(expected);
        }
    }

    @Test
    void onlyTheFiltersAValueCouldMatchAreTested() throws InvalidFilter {
        List<Filter> filters = new ArrayList<>();
        Map<String, Integer> tested = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            filters.add(Filter.compile(List.of(List.of(new ConditionSpec("labels.service", "IN",
                    List.of("svc-" + i, "svc-" + i + "-*", "/^batch-" + i + "-[0-9]+$/"))))));
        }
        FilterIndex index = new FilterIndex(filters);
        Filter.Subject counting = new Filter.Subject() {
            @Override
            public String value(String key) {
                tested.merge(key, 1, Integer::sum);
                return key.equals("labels.service") ? "svc-42-eu" : null;
            }
        };
        assertThat(index.firstMatch(counting)).isEqualTo(42);
        assertThat(tested.get("labels.service")).as("one read to index, one test").isLessThanOrEqualTo(3);
    }

    @Test
    void theCandidatesAreTheFiltersGuardedByAPrefixOfTheValuesPlusTheUnguarded() throws InvalidFilter {
        List<Filter> filters = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            filters.add(Filter.compile(List.of(List.of(new ConditionSpec("labels.cluster", "IN",
                    List.of("dc-" + i))))));
        }
        filters.add(Filter.compile(List.of(List.of(new ConditionSpec("labels.cluster", "NOTIN", List.of("nj"))))));
        filters.add(Filter.MATCH_ALL);
        FilterIndex index = new FilterIndex(filters);

        assertThat(index.candidates(new Subject(Map.of("labels.cluster", "dc-7"))).stream().boxed().toList())
                .containsExactly(7, 50, 51);
        assertThat(index.candidates(new Subject(Map.of("labels.cluster", "nj"))).stream().boxed().toList())
                .containsExactly(50, 51);
    }

    private static Filter randomFilter(Random random) throws InvalidFilter {
        List<List<ConditionSpec>> groups = new ArrayList<>();
        int groupCount = random.nextInt(6) == 0 ? 0 : 1 + random.nextInt(3);
        for (int g = 0; g < groupCount; g++) {
            List<ConditionSpec> group = new ArrayList<>();
            for (int c = 0; c < 1 + random.nextInt(3); c++) {
                List<String> vals = new ArrayList<>();
                for (int v = 0; v < 1 + random.nextInt(3); v++) {
                    vals.add(FORMS[random.nextInt(FORMS.length)]);
                }
                group.add(new ConditionSpec(KEYS[random.nextInt(KEYS.length)], random.nextInt(4) == 0 ? "NOTIN" : "IN",
                        vals));
            }
            groups.add(group);
        }
        return Filter.compile(groups);
    }
}
