/**
 * The seed's {@code ClusterHealthChecker} as Actuator health indicators (groups {@code consensus},
 * {@code replication}, {@code connectivity}, {@code capacity}, plus the Raft parts of {@code liveness}
 * and {@code readiness}) and the seed's cluster metrics.
 *
 * <p>Each check is a pure decision ({@code *Check.evaluate}) over plain records, tested without Ratis
 * or Spring; the indicators only gather the inputs. Background work (peer probes, the Raft watch that
 * times elections and keeps the gauges current) never runs inside a health call.
 */
package io.cell0.coordinator.health;
