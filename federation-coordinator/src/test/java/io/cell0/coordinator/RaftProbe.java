package io.cell0.coordinator;

import io.cell0.coordinator.consensus.RaftTls;
import io.cell0.security.TlsMaterial;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.grpc.GrpcTlsConfig;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;

/** One Ratis admin call (group info) to a node's Raft port with a chosen certificate and no retries. */
public final class RaftProbe {
    private RaftProbe() {
    }

    public static void groupInfo(TlsMaterial who, String peerId, String address, UUID groupId) throws IOException {
        groupInfo(RaftTls.of(who, Clock.systemUTC()), peerId, address, groupId);
    }

    /** The same call over TLS that trusts {@code ca} but presents no client certificate. */
    public static void groupInfoWithoutCertificate(X509Certificate ca, String peerId, String address, UUID groupId) throws IOException {
        groupInfo(new GrpcTlsConfig((PrivateKey) null, null, ca, false), peerId, address, groupId);
    }

    private static void groupInfo(GrpcTlsConfig tls, String peerId, String address, UUID groupId) throws IOException {
        RaftProperties props = new RaftProperties();
        RaftClientConfigKeys.Rpc.setRequestTimeout(props, TimeDuration.valueOf(3, TimeUnit.SECONDS));
        Parameters parameters = new Parameters();
        GrpcConfigKeys.TLS.setConf(parameters, tls);
        RaftPeer peer = RaftPeer.newBuilder().setId(peerId).setAddress(address).build();
        RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(groupId), peer);
        try (RaftClient client = RaftClient.newBuilder().setRaftGroup(group).setProperties(props).setParameters(parameters)
                .setRetryPolicy(RetryPolicies.noRetry()).build()) {
            client.getGroupManagementApi(RaftPeerId.valueOf(peerId)).info(group.getGroupId());
        }
    }

    /** True when {@code t}, or a cause of it, says the TLS handshake failed. */
    public static boolean isTlsFailure(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c.toString().toLowerCase(Locale.ROOT).contains("ssl")) {
                return true;
            }
        }
        return false;
    }
}
