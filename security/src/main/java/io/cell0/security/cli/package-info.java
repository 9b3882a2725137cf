/**
 * The {@code cell0 pki} command-line tool: a thin picocli shell over {@link io.cell0.security}. It is
 * the only place in the module that reads the clock ({@code Instant.now()}) and the environment.
 */
package io.cell0.security.cli;
