package io.cell0.security;

import static io.cell0.security.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cell0.security.ValidationResult.Reason;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateValidatorTest {
    private final ClusterCa ca = Fixtures.ca("prod-1", NOW);
    private final CertificateValidator validator = new CertificateValidator(ca.certificate());
    private final Validity days90 = Validity.starting(NOW, Duration.ofDays(90));

    @TempDir
    Path tmp;

    @Test
    void anIssuedCertificateIsValidForItsRole() {
        Fixtures.Issued n = Fixtures.node(ca, days90);
        ValidationResult r = validator.validate(n.cert(), Role.NODE, NOW.plus(Duration.ofDays(1)));
        assertThat(r.reason()).isEqualTo(Reason.OK);
        assertThat(r.info().orElseThrow().identity()).contains(n.identity().nodeId());
    }

    @Test
    void theChainAsTlsPresentsItWithTheCaIncludedIsAccepted() {
        Fixtures.Issued n = Fixtures.node(ca, days90);
        assertThat(validator.validate(List.of(n.cert(), ca.certificate()), Role.NODE, NOW).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void aCertificateFromAnotherClusterIsOtherCa() {
        ClusterCa other = Fixtures.ca("other", NOW);
        Fixtures.Issued n = Fixtures.node(other, days90);
        assertThat(validator.validate(n.cert(), Role.NODE, NOW).reason()).isEqualTo(Reason.OTHER_CA);
    }

    @Test
    void aCertificateFromAReinitialisedCaWithTheSameNameIsOtherCa() {
        ClusterCa sameName = Fixtures.ca("prod-1", NOW);
        assertThat(sameName.certificate().getSubjectX500Principal()).isEqualTo(ca.certificate().getSubjectX500Principal());
        Fixtures.Issued n = Fixtures.node(sameName, days90);
        ValidationResult r = validator.validate(n.cert(), Role.NODE, NOW);
        assertThat(r.reason()).isEqualTo(Reason.OTHER_CA);
        assertThat(r.info()).isEmpty();
    }

    @Test
    void expiredAndNotYetValidAreReportedAsSuch() {
        Fixtures.Issued n = Fixtures.node(ca, days90);
        assertThat(validator.validate(n.cert(), Role.NODE, days90.notAfter()).reason()).as("notAfter is inclusive").isEqualTo(Reason.OK);
        assertThat(validator.validate(n.cert(), Role.NODE, days90.notAfter().plusSeconds(1)).reason()).isEqualTo(Reason.EXPIRED);
        assertThat(validator.validate(n.cert(), Role.NODE, days90.notBefore().minusSeconds(1)).reason()).isEqualTo(Reason.NOT_YET_VALID);
    }

    @Test
    void aRoleThatIsNotAcceptedIsWrongRole() {
        KeyPair tls = EcKeys.generateP256();
        X509Certificate op = ca.issue(LeafRequest.service(Role.OPERATOR, "alice", tls.getPublic(), SubjectAltNames.NONE, days90));
        assertThat(validator.validate(op, Role.NODE, NOW).reason()).isEqualTo(Reason.WRONG_ROLE);
        assertThat(validator.validate(List.of(op), EnumSet.of(Role.NODE, Role.OPERATOR), NOW).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void aCertificateWithoutACell0UriSanIsRefused() throws Exception {
        PrivateKey caKey = Fixtures.caKey(ca, tmp);
        KeyPair tls = EcKeys.generateP256();
        X509Certificate noUri = Fixtures.handMadeLeaf(ca.certificate(), caKey, tls.getPublic(), days90, b -> { });
        X509Certificate foreignUri = Fixtures.handMadeLeaf(ca.certificate(), caKey, tls.getPublic(), days90, b -> addSan(b,
                new GeneralName(GeneralName.uniformResourceIdentifier, "spiffe://prod-1/node/x")));
        X509Certificate twoUris = Fixtures.handMadeLeaf(ca.certificate(), caKey, tls.getPublic(), days90, b -> addSan(b,
                new GeneralName(GeneralName.uniformResourceIdentifier, "urn:cell0:operator:alice"),
                new GeneralName(GeneralName.uniformResourceIdentifier, "urn:cell0:operator:bob")));
        X509Certificate badRole = Fixtures.handMadeLeaf(ca.certificate(), caKey, tls.getPublic(), days90, b -> addSan(b,
                new GeneralName(GeneralName.uniformResourceIdentifier, "urn:cell0:root:alice")));
        for (X509Certificate c : List.of(noUri, foreignUri, twoUris, badRole)) {
            assertThat(validator.validate(List.of(c), EnumSet.allOf(Role.class), NOW).reason()).isEqualTo(Reason.MISSING_URI_SAN);
        }
        X509Certificate good = Fixtures.handMadeLeaf(ca.certificate(), caKey, tls.getPublic(), days90, b -> addSan(b,
                new GeneralName(GeneralName.uniformResourceIdentifier, "urn:cell0:operator:alice")));
        assertThat(validator.validate(good, Role.OPERATOR, NOW).reason()).as("control").isEqualTo(Reason.OK);
    }

    @Test
    void aNodeCertificateMustCarryTheKeyOfItsNodeId() throws Exception {
        PrivateKey caKey = Fixtures.caKey(ca, tmp);
        KeyPair tls = EcKeys.generateP256();
        NodeIdentity claimed = NodeIdentity.generate();
        NodeIdentity other = NodeIdentity.generate();
        GeneralName uri = new GeneralName(GeneralName.uniformResourceIdentifier, "urn:cell0:node:" + claimed.nodeId());
        X509Certificate noKey = Fixtures.handMadeLeaf(ca.certificate(), caKey, tls.getPublic(), days90, b -> addSan(b, uri));
        X509Certificate otherKey = Fixtures.handMadeLeaf(ca.certificate(), caKey, tls.getPublic(), days90, b -> {
            addSan(b, uri);
            addExtension(b, SubjectPublicKeyInfo.getInstance(other.publicKey().getEncoded()));
        });
        X509Certificate rightKey = Fixtures.handMadeLeaf(ca.certificate(), caKey, tls.getPublic(), days90, b -> {
            addSan(b, uri);
            addExtension(b, SubjectPublicKeyInfo.getInstance(claimed.publicKey().getEncoded()));
        });
        assertThat(validator.validate(noKey, Role.NODE, NOW).reason()).isEqualTo(Reason.BAD_IDENTITY_BINDING);
        assertThat(validator.validate(otherKey, Role.NODE, NOW).reason()).isEqualTo(Reason.BAD_IDENTITY_BINDING);
        assertThat(validator.validate(rightKey, Role.NODE, NOW).reason()).as("control").isEqualTo(Reason.OK);
    }

    @Test
    void theCaItselfOrAnEmptyChainIsNotALeaf() {
        assertThat(validator.validate(List.of(ca.certificate()), EnumSet.allOf(Role.class), NOW).reason()).isEqualTo(Reason.INVALID);
        assertThat(validator.validate(List.of(), EnumSet.allOf(Role.class), NOW).reason()).isEqualTo(Reason.INVALID);
    }

    @Test
    void aCertificateMarkedAsCaOrWithoutTlsUsagesIsInvalid() throws Exception {
        PrivateKey caKey = Fixtures.caKey(ca, tmp);
        KeyPair tls = EcKeys.generateP256();
        GeneralName uri = new GeneralName(GeneralName.uniformResourceIdentifier, "urn:cell0:operator:alice");
        X509Certificate subCa = Fixtures.handMade(ca.certificate(), caKey, tls.getPublic(), days90, true, true, b -> addSan(b, uri));
        X509Certificate noEku = Fixtures.handMade(ca.certificate(), caKey, tls.getPublic(), days90, false, false, b -> addSan(b, uri));
        X509Certificate control = Fixtures.handMade(ca.certificate(), caKey, tls.getPublic(), days90, false, true, b -> addSan(b, uri));
        assertThat(validator.validate(subCa, Role.OPERATOR, NOW).reason()).isEqualTo(Reason.INVALID);
        assertThat(validator.validate(noEku, Role.OPERATOR, NOW).reason()).isEqualTo(Reason.INVALID);
        assertThat(validator.validate(control, Role.OPERATOR, NOW).reason()).isEqualTo(Reason.OK);
    }

    @Test
    void renewalIsDueWhenLessThanTheFractionOfTheLifetimeIsLeft() {
        X509Certificate c = Fixtures.node(ca, days90).cert();
        assertThat(CertificateValidator.needsRenewal(c, NOW, 1.0 / 3)).isFalse();
        assertThat(CertificateValidator.needsRenewal(c, NOW.plus(Duration.ofDays(59)), 1.0 / 3)).isFalse();
        assertThat(CertificateValidator.needsRenewal(c, NOW.plus(Duration.ofDays(61)), 1.0 / 3)).isTrue();
        assertThat(CertificateValidator.needsRenewal(c, NOW.plus(Duration.ofDays(100)), 1.0 / 3)).as("expired").isTrue();
        assertThatThrownBy(() -> CertificateValidator.needsRenewal(c, NOW, 1.5)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void addSan(org.bouncycastle.cert.X509v3CertificateBuilder b, GeneralName... names) {
        try {
            b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addExtension(org.bouncycastle.cert.X509v3CertificateBuilder b, SubjectPublicKeyInfo spki) {
        try {
            b.addExtension(Cell0Extensions.NODE_IDENTITY_KEY, false, spki);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
