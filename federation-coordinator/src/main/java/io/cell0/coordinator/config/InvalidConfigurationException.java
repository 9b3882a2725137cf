package io.cell0.coordinator.config;

/** A federation.yaml value that passed field validation but makes no sense together with the rest. */
public class InvalidConfigurationException extends RuntimeException {
    private final String key;

    public InvalidConfigurationException(String key, String problem) {
        super(key + ": " + problem);
        this.key = key;
    }

    public String key() {
        return key;
    }
}
