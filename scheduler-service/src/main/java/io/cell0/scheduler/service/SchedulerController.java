package io.cell0.scheduler.service;

import io.cell0.model.Ids;
import io.cell0.scheduler.pipeline.Explanation;
import io.cell0.scheduler.pipeline.Pipeline;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /scheduler/placements/{agent_id}/explain}: for every node, the filter that dropped it and
 * why, or each scorer's raw, normalised and weighted score — computed now, from the scheduler's
 * current view, for the agent as it is defined. {@code GET /scheduler/status}: what the loop is doing.
 */
@RestController
class SchedulerController {
    private final ClusterMirror mirror;
    private final Pipeline pipeline;
    private final PlacementLoop loop;

    SchedulerController(ClusterMirror mirror, Pipeline pipeline, PlacementLoop loop) {
        this.mirror = mirror;
        this.pipeline = pipeline;
        this.loop = loop;
    }

    @GetMapping("/scheduler/placements/{agentId}/explain")
    Explanation explain(@PathVariable String agentId) {
        if (!Ids.isValidId(agentId)) {
            throw problem(HttpStatus.BAD_REQUEST, "agent id must be 1-128 letters, digits, '.', '-', '_' or ':'; got '" + agentId + "'");
        }
        var request = mirror.request(agentId).orElseThrow(() -> problem(HttpStatus.NOT_FOUND,
                "the scheduler knows no agent " + agentId + " (its view is at index " + mirror.appliedIndex() + ")"));
        return pipeline.explain(mirror.view(), request);
    }

    @GetMapping("/scheduler/status")
    Map<String, Object> status() {
        return loop.status();
    }

    private static ErrorResponseException problem(HttpStatus status, String detail) {
        return new ErrorResponseException(status, ProblemDetail.forStatusAndDetail(status, detail), null);
    }
}
