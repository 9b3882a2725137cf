package io.cell0.coordinator.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Turns a federation.yaml consistency error into a start-up message that names the key. */
class ConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<InvalidConfigurationException> {
    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, InvalidConfigurationException cause) {
        return new FailureAnalysis("Invalid federation configuration: " + cause.getMessage(),
                "Fix the key '" + cause.key() + "' in federation.yaml (see README, Configuration).", cause);
    }
}
