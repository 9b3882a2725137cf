package io.cell0.scheduler.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import io.cell0.model.NodeRole;
import io.cell0.model.NodeStatus;
import io.cell0.model.Resources;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants over random clusters and batches. The checks are written against the model (free
 * capacity, statuses, zones), not against the plugins, so a bug in a plugin cannot hide itself.
 */
class PipelinePropertiesTest {
    static final List<String> ZONES = List.of("", "A", "B", "C");
    static final List<String> DATA = List.of("d1", "d2", "d3");

    @Property(tries = 300)
    void aPlanNeverOvercommitsAndKeepsReplicasApartAndInsideTheirRules(
            @ForAll("clusters") ClusterView view, @ForAll("batches") List<PlacementRequest> reqs, @ForAll("settings") SchedulerSettings s) {
        Plan plan = Pipeline.from(s).plan(view, reqs);

        Map<String, Resources> claimed = new HashMap<>();
        for (Placed p : plan.placed()) {
            PlacementRequest r = find(reqs, p.agentId());
            assertThat(p.nodeIds()).hasSize(r.replicas()).doesNotHaveDuplicates();
            for (String id : p.nodeIds()) {
                NodeView n = view.node(id).orElseThrow();
                assertThat(n.status()).isEqualTo(NodeStatus.HEALTHY);
                assertThat(n.quarantined() || n.draining()).isFalse();
                assertThat(r.allowedZones().isEmpty() || r.allowedZones().contains(n.zone())).isTrue();
                claimed.merge(id, r.resources(), Resources::plus);
            }
        }
        claimed.forEach((id, sum) -> assertThat(sum.fitsWithin(view.node(id).orElseThrow().free())).as(id).isTrue());
        assertThat(plan.plannedByNode()).isEqualTo(claimed);
        assertThat(plan.placed().size() + plan.unplaceable().size()).isEqualTo(reqs.size());

        // Guard against generators that make the property vacuous (say, nothing ever fits).
        plan.placed().forEach(p -> Statistics.label("outcome").collect(p.nodeIds().size() > 1 ? "placed, replicated" : "placed"));
        plan.unplaceable().forEach(u -> Statistics.label("outcome").collect("unplaceable"));
        Statistics.label("outcome").coverage(c -> {
            c.check("placed").percentage(p -> p > 5);
            c.check("placed, replicated").percentage(p -> p > 5);
            c.check("unplaceable").percentage(p -> p > 5);
        });
    }

    @Property(tries = 300)
    void aRequestIsUnplaceableOnlyWhenTooFewNodesCouldTakeIt(
            @ForAll("clusters") ClusterView view, @ForAll("batches") List<PlacementRequest> reqs, @ForAll("settings") SchedulerSettings s) {
        Plan plan = Pipeline.from(s).plan(view, reqs);
        Map<String, Placement> byAgent = new HashMap<>();
        plan.placed().forEach(p -> byAgent.put(p.agentId(), p));
        plan.unplaceable().forEach(u -> byAgent.put(u.agentId(), u));

        // Replay in serving order, tracking what earlier placements claimed.
        List<PlacementRequest> ordered = new ArrayList<>(reqs);
        ordered.sort(PlacementRequest.QUEUE_ORDER);
        Map<String, Resources> claimed = new HashMap<>();
        for (PlacementRequest r : ordered) {
            long fit = view.nodes().stream().filter(n -> couldTake(n, r, claimed)).count();
            Placement p = byAgent.get(r.agentId());
            if (p instanceof Placed ok) {
                assertThat(fit).isGreaterThanOrEqualTo(r.replicas());
                ok.nodeIds().forEach(id -> claimed.merge(id, r.resources(), Resources::plus));
            } else {
                assertThat(fit).as(((Unplaceable) p).reason()).isLessThan(r.replicas());
                assertThat(((Unplaceable) p).eligibleNodes()).isEqualTo((int) fit);
            }
        }
    }

    @Property(tries = 200)
    void theSameInputsGiveTheSameAnswerWhateverTheNodeOrder(
            @ForAll("nodeLists") List<NodeView> nodes, @ForAll("batches") List<PlacementRequest> reqs,
            @ForAll("settings") SchedulerSettings s) {
        Pipeline p = Pipeline.from(s);
        List<NodeView> reversed = new ArrayList<>(nodes);
        Collections.reverse(reversed);
        ClusterView a = ClusterView.of(3, nodes);
        ClusterView b = ClusterView.of(3, reversed);

        assertThat(p.plan(a, reqs)).isEqualTo(p.plan(a, reqs)).isEqualTo(Pipeline.from(s).plan(b, reqs));
        for (PlacementRequest r : reqs) {
            assertThat(p.place(a, r)).isEqualTo(p.place(b, r));
            assertThat(p.explain(a, r)).isEqualTo(p.explain(b, r));
        }
    }

    @Property(tries = 200)
    void explanationsCoverEveryNodeAndAgreeWithPlace(
            @ForAll("clusters") ClusterView view, @ForAll("requests") PlacementRequest r, @ForAll("settings") SchedulerSettings s) {
        Pipeline p = Pipeline.from(s);
        Explanation e = p.explain(view, r);

        assertThat(e.nodes()).extracting(NodeExplanation::nodeId)
                .containsExactlyInAnyOrderElementsOf(view.nodes().stream().map(NodeView::nodeId).toList());
        assertThat(e.nodes().stream().filter(NodeExplanation::eligible)).hasSize(e.candidates());
        assertThat(e.placement()).isEqualTo(p.place(view, r));
        if (e.placement() instanceof Placed placed) {
            assertThat(e.nodes().get(0).nodeId()).isEqualTo(placed.primary());
        }
    }

    @Property(tries = 200)
    void reusingScoresAcrossReplicasIsOnlyAnOptimisation(
            @ForAll("clusters") ClusterView view, @ForAll("batches") List<PlacementRequest> reqs, @ForAll("settings") SchedulerSettings s) {
        Pipeline fast = Pipeline.from(s);
        List<FilterPlugin> filters = Plugins.FILTERS.stream().<FilterPlugin>map(AlwaysReasked::new).toList();
        List<ScorePlugin> scorers = new ArrayList<>();
        List<Double> weights = new ArrayList<>();
        fast.scorerWeights().forEach((name, w) -> {
            scorers.add(new AlwaysRescored(Plugins.SCORERS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow()));
            weights.add(w);
        });
        Pipeline slow = new Pipeline(s, filters, scorers, weights);

        assertThat(fast.plan(view, reqs)).isEqualTo(slow.plan(view, reqs));
    }

    /** A filter that claims to depend on the chosen replicas, so the pipeline re-asks it for every replica. */
    record AlwaysReasked(FilterPlugin f) implements FilterPlugin {
        public String name() {
            return f.name();
        }

        public java.util.Optional<String> reject(NodeView node, PlacementRequest req, PlacementContext ctx) {
            return f.reject(node, req, ctx);
        }

        public String label(String reason) {
            return f.label(reason);
        }
    }

    /** A scorer that claims to depend on the chosen replicas, so the pipeline re-scores every replica. */
    record AlwaysRescored(ScorePlugin s) implements ScorePlugin {
        public String name() {
            return s.name();
        }

        public double score(NodeView node, PlacementRequest req, PlacementContext ctx) {
            return s.score(node, req, ctx);
        }
    }

    @Property(tries = 300)
    void everyFiltersFastPathAgreesWithItsReason(
            @ForAll("nodes") NodeView n, @ForAll("requests") PlacementRequest r, @ForAll("nodes") NodeView other) {
        Set<NodeView> chosen = new HashSet<>(List.of(other));
        if (n.nodeId().equals(other.nodeId())) {
            chosen.add(n);
        }
        PlacementContext ctx = PlacementContext.of(new ArrayList<>(chosen), Map.of(n.nodeId(), other.allocated()));
        for (FilterPlugin f : Plugins.FILTERS) {
            assertThat(f.accepts(n, r, ctx)).as(f.name()).isEqualTo(f.reject(n, r, ctx).isEmpty());
        }
    }

    /** Independent of the plugins: healthy, allowed zone, and room for one replica after earlier claims. */
    private static boolean couldTake(NodeView n, PlacementRequest r, Map<String, Resources> claimed) {
        if (n.status() != NodeStatus.HEALTHY || n.quarantined() || n.draining()) {
            return false;
        }
        if (!r.allowedZones().isEmpty() && !r.allowedZones().contains(n.zone())) {
            return false;
        }
        Resources used = claimed.getOrDefault(n.nodeId(), Resources.ZERO).plus(r.resources());
        return used.fitsWithin(n.free());
    }

    private static PlacementRequest find(List<PlacementRequest> reqs, String agentId) {
        return reqs.stream().filter(r -> r.agentId().equals(agentId)).findFirst().orElseThrow();
    }

    @Provide
    Arbitrary<SchedulerSettings> settings() {
        Arbitrary<Double> w = Arbitraries.of(0.0, 0.5, 1.0, 3.0);
        return Combinators.combine(Arbitraries.of("spread", "binpack"), w, w, w, w)
                .as((strategy, a, b, c, d) -> new SchedulerSettings(strategy,
                        Map.of("data-locality", a, "zone-affinity", b, "zone-spread", c, "load-balancing", d, "bin-packing", d),
                        Set.of()));
    }

    @Provide
    Arbitrary<NodeView> nodes() {
        Arbitrary<Resources> totals = Combinators.combine(
                Arbitraries.longs().between(0, 8).map(c -> c * 1000), Arbitraries.longs().between(0, 8).map(m -> m * 2048),
                Arbitraries.longs().between(0, 2), Arbitraries.longs().between(0, 4).map(s -> s * 10_000))
                .as(Resources::new);
        Arbitrary<Tuple.Tuple2<Resources, Resources>> capacity = Combinators.combine(totals, Arbitraries.doubles().between(0, 1))
                .as((t, f) -> Tuple.of(t, new Resources((long) (t.cpuMillis() * f), (long) (t.memoryMb() * f),
                        (long) (t.gpus() * f), (long) (t.storageMb() * f))));
        Arbitrary<NodeStatus> status = Arbitraries.frequencyOf(
                Tuple.of(8, Arbitraries.just(NodeStatus.HEALTHY)), Tuple.of(1, Arbitraries.of(NodeStatus.class)));
        return Combinators.combine(Arbitraries.integers().between(0, 99), Arbitraries.of(ZONES), status,
                        Arbitraries.of(NodeRole.class), capacity, Arbitraries.subsetOf(DATA),
                        Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)),
                        Arbitraries.frequency(Tuple.of(9, false), Tuple.of(1, true)))
                .as((id, zone, st, role, cap, data, q, d) ->
                        new NodeView("node-" + id, zone, st, role, cap.get1(), cap.get2(), 0, data, q, d));
    }

    @Provide
    Arbitrary<List<NodeView>> nodeLists() {
        return nodes().list().ofMaxSize(25).uniqueElements(NodeView::nodeId);
    }

    @Provide
    Arbitrary<ClusterView> clusters() {
        return nodeLists().map(ns -> ClusterView.of(11, ns));
    }

    @Provide
    Arbitrary<PlacementRequest> requests() {
        Arbitrary<Resources> need = Combinators.combine(
                Arbitraries.longs().between(0, 2500), Arbitraries.longs().between(0, 5000),
                Arbitraries.frequency(Tuple.of(7, 0L), Tuple.of(1, 1L)), Arbitraries.longs().between(0, 10_000))
                .as(Resources::new);
        return Combinators.combine(Arbitraries.integers().between(0, 999), need, Arbitraries.integers().between(1, 4),
                        Arbitraries.of(ZONES), allowedZones(), Arbitraries.subsetOf(DATA),
                        Arbitraries.integers().between(0, 3), Arbitraries.longs().between(0, 50))
                .as((id, res, replicas, pref, allowed, data, prio, at) ->
                        new PlacementRequest("agent-" + id, res, replicas, pref, allowed, data, prio, at));
    }

    /** Mostly unconstrained, as most agents are; otherwise any subset, including none of the zones in use. */
    static Arbitrary<Set<String>> allowedZones() {
        return Arbitraries.frequencyOf(Tuple.of(3, Arbitraries.just(Set.<String>of())),
                Tuple.of(1, Arbitraries.subsetOf(List.of("A", "B", "C", "D"))));
    }

    @Provide
    Arbitrary<List<PlacementRequest>> batches() {
        return requests().list().ofMaxSize(15).uniqueElements(PlacementRequest::agentId);
    }
}
