package io.cell0.coordinator.config;

/** host:port strings as used in federation.yaml. IPv6 hosts are written in brackets. */
public final class HostPort {
    public static final String REGEX = "(\\[[0-9A-Fa-f:.]+]|[A-Za-z0-9.\\-]+):([0-9]{1,5})";
    public static final String MESSAGE = "must be host:port, e.g. 127.0.0.11:9000";

    private HostPort() {
    }

    public static String host(String hostPort) {
        int colon = hostPort.lastIndexOf(':');
        String host = hostPort.substring(0, colon);
        return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    }

    public static int port(String hostPort) {
        int port = Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
        if (port > 65535) {
            throw new IllegalArgumentException("port out of range in " + hostPort);
        }
        return port;
    }
}
