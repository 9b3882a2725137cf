/**
 * The placement pipeline: given a read-only view of the cluster and a placement request, decide which
 * nodes run the agent's replicas, or say precisely why none can.
 *
 * <p>Everything here is a pure function of its inputs. A plan is computed on one coordinator from a
 * view read at some state index and then submitted to the leader, which may refuse it if the state
 * moved on; a post-mortem must be able to recompute the same decision from the same view. So this
 * package uses only {@code java.lang}, {@code java.util} (not {@code java.util.concurrent}) and
 * {@code io.cell0.model}: no Spring, no clock, no threads, no {@code Random}. Ties are broken by a
 * hash of the agent and node ids, never by chance. Hash-based collections are used for look-ups
 * only; nothing that reaches a result is iterated in hash order. {@code PipelinePurityTest} enforces
 * the dependency rules.
 */
package io.cell0.scheduler.pipeline;
