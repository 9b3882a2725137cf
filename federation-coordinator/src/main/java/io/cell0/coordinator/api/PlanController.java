package io.cell0.coordinator.api;

import io.cell0.model.command.CommandResult;
import io.cell0.model.command.PlacementPlan;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /federation/plans}: a scheduler submits many placements as one {@code PlacementPlan}
 * command. The state machine re-checks each at apply time and applies those that still fit; the
 * answer says how many were placed and why the others were refused (they stay pending).
 */
@RestController
class PlanController {
    private final ClusterGateway cluster;
    private final Clock clock;

    PlanController(ClusterGateway cluster, Clock clock) {
        this.cluster = cluster;
        this.clock = clock;
    }

    record PlacementBody(@NotBlank(message = "is required") String agentId,
                         @NotEmpty(message = "must name at least one node") @Size(max = 100, message = "names at most 100 nodes")
                         List<String> nodes) {
    }

    record DeferredBody(@NotBlank(message = "is required") String agentId, String reason) {
    }

    record PlanBody(@NotBlank(message = "is required") String planId,
                    @NotNull(message = "is required") @Min(value = 0, message = "must be >= 0") Long readIndex,
                    @Size(max = PlacementPlan.MAX_PLACEMENTS, message = "holds at most " + PlacementPlan.MAX_PLACEMENTS + " placements")
                    List<@Valid PlacementBody> placements,
                    @Size(max = PlacementPlan.MAX_PLACEMENTS, message = "holds at most " + PlacementPlan.MAX_PLACEMENTS + " entries")
                    List<@Valid DeferredBody> deferred) {
    }

    record PlanApplied(String planId, long index, String result) {
    }

    @PostMapping("/federation/plans")
    PlanApplied submit(@Valid @RequestBody PlanBody body) {
        PlacementPlan plan;
        try {
            plan = new PlacementPlan(body.planId(), body.readIndex(),
                    body.placements() == null ? List.of() : body.placements().stream()
                            .map(p -> new PlacementPlan.Placement(p.agentId(), p.nodes())).toList(),
                    body.deferred() == null ? List.of() : body.deferred().stream()
                            .map(d -> new PlacementPlan.Deferred(d.agentId(), d.reason())).toList(),
                    clock.millis());
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "urn:cell0:problem:invalid-plan", e.getMessage());
        }
        CommandResult result = Rejections.requireAccepted(cluster.submit(plan));
        return new PlanApplied(plan.planId(), result.index(), result.message());
    }
}
