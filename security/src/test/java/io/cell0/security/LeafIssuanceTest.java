package io.cell0.security;

import static io.cell0.security.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;

class LeafIssuanceTest {
    private final ClusterCa ca = Fixtures.ca("prod-1", NOW);
    private final Validity days90 = Validity.starting(NOW, Duration.ofDays(90));

    @Test
    void aNodeCertificateHasTheAgreedExtensions() throws Exception {
        Fixtures.Issued n = Fixtures.node(ca, days90);
        X509Certificate c = n.cert();
        c.verify(ca.certificate().getPublicKey());
        assertThat(c.getSigAlgName()).isEqualTo("SHA256withECDSA");
        assertThat(c.getBasicConstraints()).as("CA:false").isEqualTo(-1);
        assertThat(c.getCriticalExtensionOIDs()).containsExactlyInAnyOrder("2.5.29.19", "2.5.29.15");
        assertThat(c.getKeyUsage()[0]).as("digitalSignature").isTrue();
        assertThat(c.getKeyUsage()[5]).as("keyCertSign").isFalse();
        assertThat(c.getExtendedKeyUsage()).containsExactlyInAnyOrder("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        byte[] ski = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(c.getExtensionValue("2.5.29.14"))).getKeyIdentifier();
        assertThat(ski).isNotEmpty();
        byte[] aki = AuthorityKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(c.getExtensionValue("2.5.29.35"))).getKeyIdentifier();
        byte[] caSki = SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(
                ca.certificate().getExtensionValue("2.5.29.14"))).getKeyIdentifier();
        assertThat(aki).isEqualTo(caSki);
        assertThat(c.getNotBefore().toInstant()).isEqualTo(days90.notBefore());
        assertThat(c.getNotAfter().toInstant()).isEqualTo(days90.notAfter());
    }

    @Test
    void theUriSanAndTheEd25519BindingParseBack() {
        Fixtures.Issued n = Fixtures.node(ca, days90);
        CertificateInfo info = CertificateInfo.parse(n.cert());
        assertThat(info.principal()).contains(new Principal(Role.NODE, n.identity().nodeId()));
        assertThat(info.uris()).containsExactly("urn:cell0:node:" + n.identity().nodeId());
        assertThat(info.dnsNames()).containsExactly("localhost");
        assertThat(info.ipAddresses()).containsExactly("127.0.0.1");
        assertThat(info.ed25519Identity()).isPresent();
        assertThat(info.ed25519Identity().get().getEncoded()).isEqualTo(n.identity().publicKey().getEncoded());
        assertThat(info.ed25519NodeId()).contains(n.identity().nodeId());
        assertThat(info.notAfter()).isEqualTo(days90.notAfter());
    }

    @Test
    void theBindingExtensionIsNonCriticalAndHoldsTheSpkiDer() throws Exception {
        Fixtures.Issued n = Fixtures.node(ca, days90);
        String oid = Cell0Extensions.NODE_IDENTITY_KEY.getId();
        assertThat(n.cert().getNonCriticalExtensionOIDs()).contains(oid);
        byte[] inner = ASN1OctetString.getInstance(n.cert().getExtensionValue(oid)).getOctets();
        assertThat(inner).isEqualTo(n.identity().publicKey().getEncoded());
    }

    @Test
    void serviceCertificatesCarryTheirRoleAndNoBinding() {
        KeyPair tls = EcKeys.generateP256();
        X509Certificate c = ca.issue(LeafRequest.service(Role.SCHEDULER, "scheduler-1", tls.getPublic(), SubjectAltNames.NONE, days90));
        CertificateInfo info = CertificateInfo.parse(c);
        assertThat(info.principal()).contains(new Principal(Role.SCHEDULER, "scheduler-1"));
        assertThat(info.ed25519Identity()).isEmpty();
        assertThat(c.getExtensionValue(Cell0Extensions.NODE_IDENTITY_KEY.getId())).isNull();
    }

    @Test
    void aCsrIsIssuedFromItsOwnKeyInPemOrDer() {
        KeyPair tls = EcKeys.generateP256();
        NodeIdentity id = NodeIdentity.generate();
        byte[] pem = CsrBuilder.createPem(tls, "whatever").getBytes(StandardCharsets.US_ASCII);
        X509Certificate fromPem = ca.issueFromCsr(pem, Role.NODE, id.nodeId(), Fixtures.loopback(), days90, id.publicKey());
        X509Certificate fromDer = ca.issueFromCsr(CsrBuilder.create(tls, "x"), Role.NODE, id.nodeId(), Fixtures.loopback(), days90, id.publicKey());
        assertThat(fromPem.getPublicKey()).isEqualTo(tls.getPublic());
        assertThat(fromDer.getPublicKey()).isEqualTo(tls.getPublic());
        assertThat(fromPem.getSubjectX500Principal().getName()).as("the CA, not the CSR, names the subject").isEqualTo("CN=" + id.nodeId());
    }

    @Test
    void aCsrSignedWithAnotherKeyIsRefused() throws Exception {
        KeyPair claimed = EcKeys.generateP256();
        KeyPair signer = EcKeys.generateP256();
        byte[] forged = new JcaPKCS10CertificationRequestBuilder(CertificateBuilder.commonName("x"), claimed.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer.getPrivate())).getEncoded();
        NodeIdentity id = NodeIdentity.generate();
        assertThatThrownBy(() -> ca.issueFromCsr(forged, Role.NODE, id.nodeId(), Fixtures.loopback(), days90, id.publicKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("signature");
    }

    @Test
    void aCsrWithACorruptedSignatureIsRefused() {
        byte[] csr = CsrBuilder.create(EcKeys.generateP256(), "x");
        byte[] bad = Arrays.copyOf(csr, csr.length);
        bad[bad.length - 3] ^= 0x01;
        assertThatThrownBy(() -> ca.issueFromCsr(bad, Role.SCHEDULER, "scheduler-1", SubjectAltNames.NONE, days90, null))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ca.issueFromCsr("garbage".getBytes(StandardCharsets.US_ASCII), Role.SCHEDULER, "s", SubjectAltNames.NONE, days90, null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aCsrForANonP256KeyIsRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = g.generateKeyPair();
        byte[] csr = new JcaPKCS10CertificationRequestBuilder(CertificateBuilder.commonName("x"), p384.getPublic())
                .build(new JcaContentSignerBuilder("SHA384withECDSA").build(p384.getPrivate())).getEncoded();
        assertThatThrownBy(() -> ca.issueFromCsr(csr, Role.SCHEDULER, "scheduler-1", SubjectAltNames.NONE, days90, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
    }

    @Test
    void validityLongerThanAYearIsRefusedAndAYearIsAccepted() {
        KeyPair tls = EcKeys.generateP256();
        assertThatThrownBy(() -> ca.issue(LeafRequest.service(Role.OPERATOR, "alice", tls.getPublic(), SubjectAltNames.NONE,
                Validity.starting(NOW, Duration.ofDays(365).plusSeconds(1)))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("maximum is 365");
        assertThat(ca.issue(LeafRequest.service(Role.OPERATOR, "alice", tls.getPublic(), SubjectAltNames.NONE,
                Validity.starting(NOW, Duration.ofDays(365))))).isNotNull();
    }

    @Test
    void aLeafMustFitInsideTheCaValidity() {
        KeyPair tls = EcKeys.generateP256();
        Validity beyond = Validity.starting(ca.validity().notAfter().minus(Duration.ofDays(10)), Duration.ofDays(90));
        Validity before = Validity.starting(ca.validity().notBefore().minusSeconds(1), Duration.ofDays(90));
        assertThatThrownBy(() -> ca.issue(LeafRequest.service(Role.OPERATOR, "alice", tls.getPublic(), SubjectAltNames.NONE, beyond)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CA validity");
        assertThatThrownBy(() -> ca.issue(LeafRequest.service(Role.OPERATOR, "alice", tls.getPublic(), SubjectAltNames.NONE, before)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CA validity");
    }

    @Test
    void aNodeRequestMustBindTheKeyOfItsOwnNodeId() {
        KeyPair tls = EcKeys.generateP256();
        NodeIdentity id = NodeIdentity.generate();
        NodeIdentity other = NodeIdentity.generate();
        assertThatThrownBy(() -> new LeafRequest(Role.NODE, id.nodeId(), tls.getPublic(), SubjectAltNames.NONE, days90, null))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Ed25519");
        assertThatThrownBy(() -> new LeafRequest(Role.NODE, id.nodeId(), tls.getPublic(), SubjectAltNames.NONE, days90, other.publicKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not the node id");
        assertThatThrownBy(() -> new LeafRequest(Role.OPERATOR, "alice", tls.getPublic(), SubjectAltNames.NONE, days90, id.publicKey()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("only NODE");
    }

    @Test
    void tlsKeysMustBeP256AndNamesValid() {
        NodeIdentity id = NodeIdentity.generate();
        assertThatThrownBy(() -> LeafRequest.node(id, id.publicKey(), SubjectAltNames.NONE, days90))
                .as("an Ed25519 TLS key is what BoringSSL refuses").isInstanceOf(IllegalArgumentException.class).hasMessageContaining("P-256");
        KeyPair tls = EcKeys.generateP256();
        assertThatThrownBy(() -> LeafRequest.service(Role.OPERATOR, "Alice", tls.getPublic(), SubjectAltNames.NONE, days90))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubjectAltNames.of(List.of("*.example.com"), List.of())).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SubjectAltNames.of(List.of(), List.of("example.com"))).isInstanceOf(IllegalArgumentException.class);
        assertThat(SubjectAltNames.of(List.of("Node-1.Example.com"), List.of("::1")).dnsNames()).containsExactly("node-1.example.com");
    }
}
