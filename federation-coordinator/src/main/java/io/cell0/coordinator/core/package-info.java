/**
 * The pure, deterministic core of the replicated state machine: {@link io.cell0.coordinator.core.ClusterState}
 * and {@link io.cell0.coordinator.core.ClusterStateMachine}. Given the same commands in the same order every
 * replica reaches the same state, byte for byte. Therefore this package may use only {@code java.lang},
 * {@code java.util} (not {@code java.util.concurrent}) and {@code io.cell0.model}: no clock, no randomness, no
 * threads, no I/O, no Spring, no Ratis. Time and identifiers arrive stamped inside the commands.
 * {@code CorePurityTest} enforces this.
 */
package io.cell0.coordinator.core;
