package io.cell0.scheduler.pipeline;

/**
 * One scorer's say about one node: its raw number, that number scaled to 0-100 over the candidates,
 * the scorer's weight and the product that went into the node's total.
 */
public record ScoreDetail(String plugin, double raw, double normalised, double weight, double weighted) {
}
