/**
 * Spring wiring of the scheduler: configuration properties and the beans built from them. The
 * placement logic itself lives in {@code io.cell0.scheduler.pipeline} and knows nothing of Spring.
 */
package io.cell0.scheduler.config;
