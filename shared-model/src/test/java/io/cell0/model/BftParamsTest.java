package io.cell0.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BftParamsTest {
    @Test
    void theSeedsExamples() {
        assertThat(BftParams.forNodeCount(4)).isEqualTo(new BftParams(1, 4, 3));
        assertThat(BftParams.forNodeCount(7)).isEqualTo(new BftParams(2, 7, 5));
        assertThat(BftParams.forNodeCount(10)).isEqualTo(new BftParams(3, 10, 7));
        assertThat(BftParams.forNodeCount(3)).isEqualTo(new BftParams(0, 1, 1));
        assertThatThrownBy(() -> BftParams.forNodeCount(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void nVotersAlwaysHoldTheToleranceTheyPromise(@ForAll @IntRange(min = 1, max = 1000) int n) {
        BftParams p = BftParams.forNodeCount(n);
        assertThat(n).isGreaterThanOrEqualTo(p.minNodes());
        assertThat(BftParams.forNodeCount(p.minNodes()).maxByzantine()).isEqualTo(p.maxByzantine());
        // Two quorums of 2f+1 among 3f+1 overlap in at least f+1 voters: one honest voter at least.
        assertThat(2 * p.quorumSize() - p.minNodes()).isGreaterThanOrEqualTo(p.maxByzantine() + 1);
    }
}
