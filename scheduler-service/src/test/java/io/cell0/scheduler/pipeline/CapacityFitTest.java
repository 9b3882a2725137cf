package io.cell0.scheduler.pipeline;

import static io.cell0.scheduler.pipeline.Fixtures.node;
import static io.cell0.scheduler.pipeline.Fixtures.res;
import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.model.Resources;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CapacityFitTest {
    final CapacityFit filter = new CapacityFit();

    static Stream<Arguments> rows() {
        Resources total = new Resources(4000, 8192, 1, 10_000);
        return Stream.of(
                Arguments.of("exactly the free capacity fits", total, Resources.ZERO, new Resources(4000, 8192, 1, 10_000), null),
                Arguments.of("nothing requested fits anywhere", total, total, Resources.ZERO, null),
                Arguments.of("short of cpu", total, res(3500, 0), res(2000, 100),
                        "needs 2000m cpu, 500m free"),
                Arguments.of("short of memory", total, res(0, 7168), res(100, 2048),
                        "needs 2048 MiB memory, 1024 MiB free"),
                Arguments.of("short of gpus", total, Resources.ZERO, new Resources(0, 0, 2, 0),
                        "needs 2 gpus, 1 free"),
                Arguments.of("short of storage", total, Resources.ZERO, new Resources(0, 0, 0, 20_000),
                        "needs 20000 MiB storage, 10000 MiB free"),
                Arguments.of("short of two resources names both", total, res(4000, 8000), res(1, 500),
                        "needs 1m cpu, 0m free; needs 500 MiB memory, 192 MiB free"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void rejectsWhenAnyResourceIsShort(String row, Resources total, Resources allocated, Resources want, String reason) {
        NodeView n = node("n1").total(total).allocated(allocated).build();
        PlacementRequest r = PlacementRequest.of("a1", want);

        assertThat(filter.reject(n, r, PlacementContext.empty()).orElse(null)).isEqualTo(reason);
        assertThat(filter.accepts(n, r, PlacementContext.empty())).isEqualTo(reason == null);
    }

    @Test
    void countsWhatEarlierPlacementsOfTheRoundClaimed() {
        NodeView n = node("n1").total(4000, 8192).allocated(1000, 0).build();
        PlacementContext ctx = PlacementContext.of(List.of(), Map.of("n1", res(2000, 0)));

        assertThat(filter.reject(n, Fixtures.req("a", 1000, 0), ctx)).isEmpty();
        assertThat(filter.reject(n, Fixtures.req("a", 1500, 0), ctx)).contains("needs 1500m cpu, 1000m free");
        assertThat(filter.accepts(n, Fixtures.req("a", 1500, 0), ctx)).isFalse();
    }

    @Test
    void labelsNameTheShortResources() {
        assertThat(filter.label("needs 2048 MiB memory, 1024 MiB free")).isEqualTo("lack memory");
        assertThat(filter.label("needs 1m cpu, 0m free; needs 500 MiB memory, 192 MiB free")).isEqualTo("lack cpu+memory");
        assertThat(filter.label("needs 2 gpus, 1 free")).isEqualTo("lack gpus");
    }
}
