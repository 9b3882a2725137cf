package io.cell0.scheduler.pipeline;

/**
 * The outcome for one request: either every replica has a node ({@link Placed}) or none is placed and
 * the reason is given ({@link Unplaceable}). There is no partial result, because an agent running with
 * fewer replicas than it asked for looks healthy while it is not.
 */
public sealed interface Placement permits Placed, Unplaceable {

    String agentId();

    /** "placed" or "unplaceable". */
    String outcome();
}
